package io.goproxymirror.mirror.sumdb;

import io.goproxymirror.mirror.serve.CacheStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Writes a 200 sumdb answer with the reference server's content types and the caching of PROTOCOL
 * §5.3: full tiles immutable, lookups for the lookup TTL, partial tiles briefly, {@code latest}
 * and anything stale not at all.
 */
final class SumdbReplyWriter {
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String SHORT = "public, max-age=60";
  private final String lookupCaching;

  SumdbReplyWriter(Duration lookupTtl) {
    this.lookupCaching = "public, max-age=" + Math.max(1, lookupTtl.toSeconds());
  }

  void write(RoutingContext ctx, SumdbKind kind, SumdbReply reply) {
    HttpServerResponse response = ctx.response();
    response.setStatusCode(200)
        .putHeader("Content-Type", contentType(ctx.request().path(), kind))
        .putHeader("Cache-Control", caching(kind, reply.cache()))
        .putHeader("X-Cache", reply.cache().name());
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Integer.toString(reply.body().length)).end();
    } else {
      response.end(Buffer.buffer(reply.body()));
    }
  }

  private String caching(SumdbKind kind, CacheStatus cache) {
    if (kind == SumdbKind.LATEST || cache == CacheStatus.STALE) {
      return "no-store";
    }
    return switch (kind) {
      case FULL_TILE -> IMMUTABLE;
      case LOOKUP -> lookupCaching;
      default -> SHORT;
    };
  }

  private static String contentType(String path, SumdbKind kind) {
    boolean hashTile = (kind == SumdbKind.FULL_TILE || kind == SumdbKind.PARTIAL_TILE) && !path.contains("/data/");
    return hashTile ? "application/octet-stream" : "text/plain; charset=UTF-8";
  }
}
