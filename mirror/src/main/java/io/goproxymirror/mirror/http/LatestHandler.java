package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /{module}/@latest}. */
final class LatestHandler implements Handler<RoutingContext> {
  private final ReplyWriter writer;
  private final ModuleAnswers answers;

  LatestHandler(ModuleAnswers answers, ReplyWriter writer) {
    this.writer = writer;
    this.answers = answers;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ProxyRequest request = ModuleRoutes.request(ctx);
    OnContext.subscribe(ctx, answers.latest(request), reply -> writer.write(ctx, Endpoint.LATEST, reply, false, null));
  }
}
