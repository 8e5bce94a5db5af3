package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.fetch.ZipDownload;
import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.serve.CacheStatus;
import io.goproxymirror.mirror.serve.Reply;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes a {@link Reply} for one protocol endpoint with the headers of PROTOCOL §1.8-1.9: content
 * type, length, {@code ETag} and immutable caching for artifacts of canonical versions, a short
 * max-age for mutable and negative answers, and {@code X-Cache} always.
 */
final class ReplyWriter {
  static final CharSequence IMMUTABLE = HttpHeaders.createOptimized("public, max-age=31536000, immutable");
  static final CharSequence SHORT = HttpHeaders.createOptimized("public, max-age=60");
  private static final CharSequence X_CACHE = HttpHeaders.createOptimized("X-Cache");
  private static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain; charset=utf-8");
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence ZIP = HttpHeaders.createOptimized("application/zip");
  private static final Map<CacheStatus, CharSequence> CACHE_VALUES = new EnumMap<>(CacheStatus.class);

  static {
    for (CacheStatus status : CacheStatus.values()) {
      CACHE_VALUES.put(status, HttpHeaders.createOptimized(status.name()));
    }
  }

  private final OpenFileCache files;
  private final ThrottledLog log;

  ReplyWriter(OpenFileCache files, ThrottledLog log) {
    this.files = files;
    this.log = log;
  }

  /**
   * Writes {@code reply}. {@code immutable} says whether a 200 is an artifact of a canonical
   * version. {@code storedAfterStream} supplies the stored reply when a streamed download finished
   * before this client could attach to it.
   */
  void write(RoutingContext ctx, Endpoint endpoint, Reply reply, boolean immutable,
      Supplier<Single<Reply>> storedAfterStream) {
    HttpServerResponse response = ctx.response();
    response.putHeader(X_CACHE, CACHE_VALUES.get(reply.cache()));
    if (reply.status() != 200) {
      Reply.Bytes bytes = (Reply.Bytes) reply;
      response.setStatusCode(bytes.status())
          .putHeader(HttpHeaders.CONTENT_TYPE, TEXT)
          .putHeader(HttpHeaders.CACHE_CONTROL, SHORT);
      end(ctx, Buffer.buffer(oneLine(bytes.body())));
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, contentType(endpoint))
        .putHeader(HttpHeaders.CACHE_CONTROL, immutable ? IMMUTABLE : SHORT);
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
      } else if (ctx.request().version() == HttpVersion.HTTP_2) {
        // Vert.x 5 sends no FileChannel over HTTP/2 (it fails the send): the file goes by path,
        // read as an AsyncFile into the stream's flow control, as every h2 body must.
        response.sendFile(file.file().toString(), 0, file.size()).onFailure(err -> {
          if (response.headWritten()) {
            response.reset();
          } else {
            ctx.fail(err);
          }
        });
      } else if (ctx.request().isSSL()) {
        OpenFileCache.Handle handle = files.acquire(file.file());
        TlsFileSender.send(response, file.file(), handle.channel(), file.size(), handle::release, log);
      } else {
        OpenFileCache.Handle handle = files.acquire(file.file());
        response.sendFile(handle.channel(), 0, file.size()).onComplete(done -> handle.release());
      }
    } else if (reply instanceof Reply.StoredBlob blob) {
      if (!notModified(ctx, blob.etag())) {
        RemoteBlobSender.send(ctx, blob);
      }
    } else if (reply instanceof Reply.Streaming streaming) {
      stream(ctx, streaming.download(), storedAfterStream);
    }
  }

  private void stream(RoutingContext ctx, ZipDownload download,
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
    GrowingFileSender.open(ctx.vertx(), ctx.response(), download, log).onComplete(ar -> {
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
    ctx.response().putHeader(HttpHeaders.ETAG, quoted);
    String match = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
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

  static CharSequence contentType(Endpoint endpoint) {
    return switch (endpoint) {
      case LIST, MOD -> TEXT;
      case INFO, LATEST -> JSON;
      case ZIP -> ZIP;
    };
  }

  private static String oneLine(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    return (nl >= 0 ? text.substring(0, nl) : text) + "\n";
  }
}
