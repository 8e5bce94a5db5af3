package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /{module}/@v/{version}.mod} for a canonical version. */
final class ModHandler implements Handler<RoutingContext> {
  private final ReplyWriter writer;
  private final ModuleAnswers answers;

  ModHandler(ModuleAnswers answers, ReplyWriter writer) {
    this.writer = writer;
    this.answers = answers;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ProxyRequest request = ModuleRoutes.request(ctx);
    OnContext.subscribe(ctx, answers.artifact(request, ArtifactKind.MOD), reply -> writer.write(ctx, Endpoint.MOD, reply, true, null));
  }
}
