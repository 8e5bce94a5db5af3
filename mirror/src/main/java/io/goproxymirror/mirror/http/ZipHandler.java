package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /{module}/@v/{version}.zip}: sendfile when stored, streamed while pulled through. */
final class ZipHandler implements Handler<RoutingContext> {
  private final ReplyWriter writer;
  private final ModuleAnswers answers;

  ZipHandler(ModuleAnswers answers, ReplyWriter writer) {
    this.writer = writer;
    this.answers = answers;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ProxyRequest request = ModuleRoutes.request(ctx);
    OnContext.subscribe(ctx, answers.zip(request),
        reply -> writer.write(ctx, Endpoint.ZIP, reply, true, () -> answers.zip(request)));
  }
}
