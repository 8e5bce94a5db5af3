package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.serve.ZipService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /{module}/@v/{version}.zip}: sendfile when stored, streamed while pulled through. */
final class ZipHandler implements Handler<RoutingContext> {
  private final ZipService zips;

  ZipHandler(ZipService zips) {
    this.zips = zips;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ProxyRequest request = ModuleRoutes.request(ctx);
    OnContext.subscribe(ctx, zips.get(request), reply -> ReplyWriter.write(ctx, Endpoint.ZIP, reply, true, () -> zips.get(request)));
  }
}
