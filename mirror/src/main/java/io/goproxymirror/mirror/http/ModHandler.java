package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.serve.ArtifactService;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /{module}/@v/{version}.mod} for a canonical version. */
final class ModHandler implements Handler<RoutingContext> {
  private final ReplyWriter writer;
  private final ArtifactService artifacts;

  ModHandler(ArtifactService artifacts, ReplyWriter writer) {
    this.writer = writer;
    this.artifacts = artifacts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ProxyRequest request = ModuleRoutes.request(ctx);
    OnContext.subscribe(ctx, artifacts.get(request, ArtifactKind.MOD), reply -> writer.write(ctx, Endpoint.MOD, reply, true, null));
  }
}
