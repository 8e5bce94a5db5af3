package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.util.concurrent.TimeoutException;

/** Reads an upstream response body into memory with a hard size limit. */
public final class BoundedBody {
  private BoundedBody() {}

  /**
   * The whole body; fails with {@link UpstreamFailedException} if it exceeds {@code maxBytes} (the
   * stream is reset at once) or the connection breaks before the end.
   */
  public static Future<Buffer> read(HttpClientResponse response, long maxBytes, String what) {
    return collect(response, maxBytes, true, what);
  }

  /** At most {@code maxBytes} of the body; the rest is discarded. */
  public static Future<Buffer> readAtMost(HttpClientResponse response, long maxBytes) {
    return collect(response, maxBytes, false, "body");
  }

  /**
   * The failure of a body that ended early: {@link UpstreamTimeoutException} when the idle deadline
   * cut it, {@link UpstreamFailedException} otherwise.
   */
  static MirrorException brokeOff(String what, Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return new UpstreamTimeoutException(what + ": upstream body stalled past the idle deadline", err);
      }
    }
    return new UpstreamFailedException(what + ": upstream body broke off before its end", err);
  }

  private static Future<Buffer> collect(HttpClientResponse response, long maxBytes, boolean strict, String what) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(err -> promise.tryFail(brokeOff(what, err)));
    // An error that came before these handlers (the response waited paused) is kept by the end future.
    response.end().onFailure(err -> promise.tryFail(brokeOff(what, err)));
    response.handler(chunk -> {
      if (body.length() + chunk.length() > maxBytes) {
        if (strict) {
          if (promise.tryFail(new UpstreamFailedException(what + ": upstream body exceeds " + maxBytes + " bytes"))) {
            response.request().reset();
          }
          return;
        }
        int room = (int) Math.max(0, maxBytes - body.length());
        body.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
        if (promise.tryComplete(body)) {
          response.request().reset();
        }
        return;
      }
      body.appendBuffer(chunk);
    });
    response.endHandler(v -> promise.tryComplete(body));
    response.resume();
    return promise.future();
  }
}
