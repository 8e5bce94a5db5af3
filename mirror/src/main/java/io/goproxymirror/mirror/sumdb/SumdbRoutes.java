package io.goproxymirror.mirror.sumdb;

import io.goproxymirror.gomod.PathPatterns;
import io.goproxymirror.mirror.errors.ForbiddenException;
import io.goproxymirror.mirror.errors.MethodNotAllowedException;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * The checksum database proxy, {@code /sumdb/<name>/...} (PROTOCOL §5). {@code supported} answers
 * 200 for a proxied database and 404 otherwise, so the go command goes to the database directly.
 * A lookup of a module matching {@code private} or {@code nosumdb} is refused with 403 and never
 * forwarded. Mount before the module routes; failures go to the failure handler (one line).
 */
public final class SumdbRoutes {
  private final SumdbService service;
  private final PathPatterns privateModules;
  private final PathPatterns noSumdb;
  private final MirrorMetrics metrics;
  private final SumdbReplyWriter writer;

  public SumdbRoutes(SumdbService service, PathPatterns privateModules, PathPatterns noSumdb,
      MirrorMetrics metrics, Duration lookupTtl) {
    this.service = service;
    this.privateModules = privateModules;
    this.noSumdb = noSumdb;
    this.metrics = metrics;
    this.writer = new SumdbReplyWriter(lookupTtl);
  }

  /** Mounts {@code /sumdb/*}. */
  public void mount(Router router) {
    router.route("/sumdb/*").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String[] endpoint = {"sumdb_invalid"};
    ctx.addEndHandler(v -> {
      String cache = ctx.response().headers().get("X-Cache");
      metrics.request(endpoint[0], cache == null ? "NONE" : cache, ctx.response().getStatusCode(),
          System.nanoTime() - start);
    });
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      ctx.response().putHeader("Allow", "GET, HEAD");
      ctx.fail(new MethodNotAllowedException("method " + method.name() + " is not allowed; use GET or HEAD"));
      return;
    }
    SumdbRequest request;
    try {
      request = SumdbRequest.parse(ctx.request().path());
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    endpoint[0] = request.kind().tag();
    if (!service.proxies(request.database())) {
      ctx.fail(new NotFoundException("not found: this mirror does not proxy checksum database "
          + request.database()));
      return;
    }
    if (request.kind() == SumdbKind.SUPPORTED) {
      HttpServerResponse response = ctx.response();
      response.putHeader("X-Cache", "HIT").putHeader("Cache-Control", "public, max-age=60")
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("Content-Length", "0").end(Buffer.buffer());
      return;
    }
    if (request.kind() == SumdbKind.LOOKUP && refused(request.modulePath())) {
      ctx.fail(new ForbiddenException("forbidden: " + request.modulePath() + " is a private module of this mirror;"
          + " add it to GONOSUMDB (or GOPRIVATE) so the go command does not look it up in " + request.database()));
      return;
    }
    service.get(request).subscribe(reply -> writer.write(ctx, request.kind(), reply), ctx::fail);
  }

  private boolean refused(String modulePath) {
    return privateModules.matches(modulePath) || noSumdb.matches(modulePath);
  }
}
