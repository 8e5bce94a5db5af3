package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
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
  private final ModuleAnswers answers;

  InfoHandler(ModuleAnswers answers, ReplyWriter writer) {
    this.writer = writer;
    this.answers = answers;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ProxyRequest request = ModuleRoutes.request(ctx);
    Single<Reply> reply = request.query() ? answers.query(request) : answers.artifact(request, ArtifactKind.INFO);
    OnContext.subscribe(ctx, reply, r -> writer.write(ctx, Endpoint.INFO, r, !request.query(), null));
  }
}
