package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /{module}/@v/list}. */
final class ListHandler implements Handler<RoutingContext> {
  private final ReplyWriter writer;
  private final ModuleAnswers answers;

  ListHandler(ModuleAnswers answers, ReplyWriter writer) {
    this.writer = writer;
    this.answers = answers;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ProxyRequest request = ModuleRoutes.request(ctx);
    OnContext.subscribe(ctx, answers.list(request), reply -> writer.write(ctx, Endpoint.LIST, reply, false, null));
  }
}
