package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.errors.Causes;
import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.OverloadedException;
import io.goproxymirror.mirror.errors.StorageFullException;
import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.store.BlobStoreException;
import io.goproxymirror.mirror.store.BlobStoreFailure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The one place where failures become HTTP answers: typed {@link MirrorException}s map to their
 * status with their one-line message; a remote blob store's failure is 502 (504 for a timeout); a
 * write that found the data directory's file system full is 507 (with {@code Retry-After}, like
 * every answer that says "try again later"); running out of file descriptors is 503 with {@code
 * Retry-After} (the mirror sheds load); anything else is an internal error whose cause is logged
 * and never shown. Client mistakes are logged at debug, server-side failures at warn or error,
 * through the {@link ThrottledLog}: a flood of the same failure writes one line per status and
 * interval with a count. Only an unexpected exception (not an I/O error) is logged with its stack
 * trace, and only the first of its interval.
 */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
  private final ThrottledLog log;

  public FailureHandler(ThrottledLog log) {
    this.log = log;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    Throwable raw = ctx.failure();
    Throwable failure = !(raw instanceof MirrorException) && StorageFullException.isCause(raw)
        ? new StorageFullException("no space left on the data directory's file system", raw)
        : raw;
    Optional<IOException> descriptorShortage = Causes.first(failure, IOException.class,
        io -> io.getMessage() != null && io.getMessage().contains("Too many open files"));
    Optional<BlobStoreException> storageFailure = Causes.first(failure, BlobStoreException.class);
    int status;
    String message;
    if (failure instanceof MirrorException mirror) {
      status = mirror.status();
      message = mirror.getMessage();
      if (status >= 500) {
        failed(ctx, status, message);
      } else {
        LOG.debug("event=request_rejected status={} path=\"{}\" reason=\"{}\"", status, safePath(ctx), message);
      }
    } else if (descriptorShortage.isPresent()) {
      status = 503;
      message = "server busy: out of file descriptors; retry shortly";
      response.putHeader("Retry-After", "5");
      failed(ctx, status, descriptorShortage.get().getMessage());
    } else if (storageFailure.isPresent()) {
      BlobStoreException storage = storageFailure.get();
      status = storage.failure() == BlobStoreFailure.TIMEOUT ? 504 : 502;
      message = "storage unavailable: " + storage.failure().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      failed(ctx, status, storage.getMessage());
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      status = ctx.statusCode();
      message = statusText(status);
      LOG.debug("event=request_rejected status={} path=\"{}\"", status, safePath(ctx));
    } else if (failure != null) {
      status = 500;
      message = "internal error";
      String path = safePath(ctx);
      if (Causes.first(failure, IOException.class).isPresent()
          || Causes.first(failure, UncheckedIOException.class).isPresent()) {
        log.log(LOG, Level.ERROR, "event=request_error", () -> "path=\"" + path + "\" reason=\"" + failure + "\"");
      } else {
        log.log(LOG, Level.ERROR, "event=request_error", () -> "path=\"" + path + "\"", failure);
      }
    } else {
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      message = statusText(status);
    }
    retryAfter(response, failure);
    answer(response, ctx.request().method() == HttpMethod.HEAD, status, message);
  }

  /**
   * Ends {@code response} with an error answer: {@code status}, one plain-text line, never cached,
   * and {@code X-Cache: MISS} unless the reply already says how it was served.
   */
  static Future<Void> answer(HttpServerResponse response, boolean head, int status, String message) {
    response.setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Cache-Control", "no-store");
    if (response.headers().get("X-Cache") == null) {
      response.putHeader("X-Cache", "MISS");
    }
    String body = message + "\n";
    if (head) {
      return response.putHeader("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length)).end();
    }
    return response.end(body);
  }

  /**
   * Adds {@code Retry-After} to the answer of a failure that is expected to pass: load shedding,
   * a metadata store that is unavailable, a full storage.
   */
  static void retryAfter(HttpServerResponse response, Throwable failure) {
    if (failure instanceof OverloadedException) {
      response.putHeader("Retry-After", "5");
    } else if (failure instanceof MetadataUnavailableException) {
      response.putHeader("Retry-After", "5");
    } else if (failure instanceof StorageFullException) {
      response.putHeader("Retry-After", "60");
    }
  }

  private void failed(RoutingContext ctx, int status, String reason) {
    String path = safePath(ctx);
    log.log(LOG, Level.WARN, "event=request_failed status=" + status,
        () -> "path=\"" + path + "\" reason=\"" + reason + "\"");
  }

  private static String statusText(int status) {
    return switch (status) {
      case 400 -> "bad request: malformed request path";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 413 -> "request too large";
      case 414 -> "request URI too long";
      default -> status >= 500 ? "internal error" : "request failed";
    };
  }

  /** The request path with control characters removed and length bounded, for logs. */
  static String safePath(RoutingContext ctx) {
    String path = RawPath.of(ctx.request());
    if (path == null) {
      return "";
    }
    String cut = path.length() > 300 ? path.substring(0, 300) + "..." : path;
    return cut.replaceAll("[^\\x20-\\x7e]", "?").replace("\"", "%22");
  }
}
