package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.serve.ZipService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /{module}/@v/{version}.zip}: sendfile when stored, streamed while pulled through. */
final class ZipHandler implements Handler<RoutingContext> {
  private final ReplyWriter writer;
  private final ZipService zips;

  ZipHandler(ZipService zips, ReplyWriter writer) {
    this.writer = writer;
    this.zips = zips;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ProxyRequest request = ModuleRoutes.request(ctx);
    OnContext.subscribe(ctx, zips.get(request), reply -> writer.write(ctx, Endpoint.ZIP, reply, true, () -> zips.get(request)));
  }
}
