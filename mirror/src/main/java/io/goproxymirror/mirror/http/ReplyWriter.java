package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.fetch.ZipDownload;
import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.serve.Reply;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * Writes a {@link Reply} for one protocol endpoint with the headers of PROTOCOL §1.8-1.9: content
 * type, length, {@code ETag} and immutable caching for artifacts of canonical versions, a short
 * max-age for mutable and negative answers, and {@code X-Cache} always.
 */
final class ReplyWriter {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String SHORT = "public, max-age=60";

  private ReplyWriter() {}

  /**
   * Writes {@code reply}. {@code immutable} says whether a 200 is an artifact of a canonical
   * version. {@code storedAfterStream} supplies the stored reply when a streamed download finished
   * before this client could attach to it.
   */
  static void write(RoutingContext ctx, Endpoint endpoint, Reply reply, boolean immutable,
      Supplier<Single<Reply>> storedAfterStream) {
    HttpServerResponse response = ctx.response();
    response.putHeader("X-Cache", reply.cache().name());
    if (reply.status() != 200) {
      Reply.Bytes bytes = (Reply.Bytes) reply;
      response.setStatusCode(bytes.status())
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("Cache-Control", SHORT);
      end(ctx, Buffer.buffer(oneLine(bytes.body())));
      return;
    }
    response.putHeader("Content-Type", contentType(endpoint))
        .putHeader("Cache-Control", immutable ? IMMUTABLE : SHORT);
    if (reply instanceof Reply.Bytes bytes) {
      if (!notModified(ctx, bytes.etag())) {
        end(ctx, Buffer.buffer(bytes.body()));
      }
    } else if (reply instanceof Reply.StoredFile file) {
      if (notModified(ctx, file.etag())) {
        return;
      }
      if (ctx.request().method() == HttpMethod.HEAD) {
        response.putHeader("Content-Length", Long.toString(file.size())).end();
      } else {
        response.sendFile(file.file().toString());
      }
    } else if (reply instanceof Reply.Streaming streaming) {
      stream(ctx, streaming.download(), storedAfterStream);
    }
  }

  private static void stream(RoutingContext ctx, ZipDownload download,
      Supplier<Single<Reply>> storedAfterStream) {
    Context context = ctx.vertx().getOrCreateContext();
    if (ctx.request().method() == HttpMethod.HEAD) {
      download.done().onComplete(ar -> context.runOnContext(v -> {
        if (ar.failed()) {
          ctx.fail(ar.cause());
        } else {
          ctx.response().putHeader("Content-Length", Long.toString(ar.result().size())).end();
        }
      }));
      return;
    }
    GrowingFileSender.open(ctx.vertx(), ctx.response(), download).onComplete(ar -> {
      if (ar.succeeded()) {
        ar.result().start();
        return;
      }
      // The download finished and its staging file was renamed into storage before we could open it.
      download.done().onComplete(done -> context.runOnContext(v -> {
        if (done.failed()) {
          ctx.fail(done.cause());
        } else {
          OnContext.subscribe(ctx, storedAfterStream.get(),
              stored -> write(ctx, Endpoint.ZIP, stored, true, storedAfterStream));
        }
      }));
    });
  }

  private static boolean notModified(RoutingContext ctx, String etag) {
    if (etag == null) {
      return false;
    }
    String quoted = "\"" + etag + "\"";
    ctx.response().putHeader("ETag", quoted);
    String match = ctx.request().getHeader("If-None-Match");
    if (match != null && (match.equals(quoted) || match.equals("*") || match.contains(quoted))) {
      ctx.response().setStatusCode(304).end();
      return true;
    }
    return false;
  }

  private static void end(RoutingContext ctx, Buffer body) {
    if (ctx.request().method() == HttpMethod.HEAD) {
      ctx.response().putHeader("Content-Length", Integer.toString(body.length())).end();
    } else {
      ctx.response().end(body);
    }
  }

  static String contentType(Endpoint endpoint) {
    return switch (endpoint) {
      case LIST, MOD -> "text/plain; charset=utf-8";
      case INFO, LATEST -> "application/json";
      case ZIP -> "application/zip";
    };
  }

  private static String oneLine(byte[] body) {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    return (nl >= 0 ? text.substring(0, nl) : text) + "\n";
  }
}
