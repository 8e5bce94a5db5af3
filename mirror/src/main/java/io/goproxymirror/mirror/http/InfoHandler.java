package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.serve.ArtifactService;
import io.goproxymirror.mirror.serve.LatestService;
import io.goproxymirror.mirror.serve.Reply;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /{module}/@v/{version}.info}: a canonical version is an immutable artifact; anything
 * else (a branch, a hash, a non-canonical version) is a query passed to the sources.
 */
final class InfoHandler implements Handler<RoutingContext> {
  private final ReplyWriter writer;
  private final ArtifactService artifacts;
  private final LatestService queries;

  InfoHandler(ArtifactService artifacts, LatestService queries, ReplyWriter writer) {
    this.writer = writer;
    this.artifacts = artifacts;
    this.queries = queries;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ProxyRequest request = ModuleRoutes.request(ctx);
    Single<Reply> reply = request.query() ? queries.query(request) : artifacts.get(request, ArtifactKind.INFO);
    OnContext.subscribe(ctx, reply, r -> writer.write(ctx, Endpoint.INFO, r, !request.query(), null));
  }
}
