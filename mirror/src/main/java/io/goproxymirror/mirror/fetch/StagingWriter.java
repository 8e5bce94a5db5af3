package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientResponse;
import java.nio.file.Path;

/**
 * Copies an upstream body into a staging file with one write in flight at a time, so that the
 * reported length is always the length of bytes really in the file. Pauses the upstream while
 * more than {@link #HIGH_WATER} bytes wait to be written. Enforces a size limit and, when the
 * upstream declared a Content-Length, that the body has exactly that length.
 */
final class StagingWriter {
  private static final int HIGH_WATER = 1 << 20;
  private final HttpClientResponse body;
  private final ZipDownload download;
  private final long maxBytes;
  private final Promise<Long> finished = Promise.promise();
  private AsyncFile file;
  private Buffer pending = Buffer.buffer();
  private long position;
  private long received;
  private boolean writing;
  private boolean ended;

  private StagingWriter(HttpClientResponse body, ZipDownload download, long maxBytes) {
    this.body = body;
    this.download = download;
    this.maxBytes = maxBytes;
  }

  /**
   * Streams the body into {@code download}'s staging file; completes with the byte count. Call it
   * on the response's event loop while the response is still paused: its end future (taken when
   * it arrived, see {@link ProxyUpstream}) keeps a failure of the connection from before.
   */
  static Future<Long> copy(Vertx vertx, HttpClientResponse body, ZipDownload download, long maxBytes) {
    StagingWriter writer = new StagingWriter(body, download, maxBytes);
    writer.listen();
    Path path = download.staging();
    return vertx.fileSystem()
        .open(path.toString(), new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true))
        .compose(file -> {
          writer.file = file;
          writer.body.resume();
          writer.pump();
          return writer.finished.future()
              .transform(ar -> file.close().transform(closed -> ar.succeeded()
                  ? Future.succeededFuture(ar.result())
                  : Future.failedFuture(ar.cause())));
        }, err -> {
          body.request().reset();
          return Future.failedFuture(new UpstreamFailedException("cannot open the staging file", err));
        });
  }

  private void listen() {
    body.exceptionHandler(err -> fail(BoundedBody.brokeOff("zip", err)));
    body.end().onFailure(err -> fail(BoundedBody.brokeOff("zip", err)));
    body.handler(chunk -> {
      received += chunk.length();
      if (received > maxBytes) {
        fail(new UpstreamFailedException("zip: upstream body exceeds " + maxBytes + " bytes"));
        body.request().reset();
        return;
      }
      pending.appendBuffer(chunk);
      if (pending.length() > HIGH_WATER) {
        body.pause();
      }
      pump();
    });
    body.endHandler(v -> {
      ended = true;
      long declared = download.declaredLength();
      if (declared >= 0 && declared != received) {
        fail(new UpstreamFailedException(
            "zip: upstream sent " + received + " bytes but declared " + declared));
        return;
      }
      pump();
    });
  }

  private void pump() {
    if (file == null || writing || finished.future().isComplete()) {
      return;
    }
    if (pending.length() == 0) {
      if (ended) {
        file.flush().onComplete(ar -> {
          if (ar.succeeded()) {
            finished.tryComplete(position);
          } else {
            fail(ar.cause());
          }
        });
      }
      return;
    }
    Buffer chunk = pending;
    pending = Buffer.buffer();
    writing = true;
    file.write(chunk, position).onComplete(ar -> {
      writing = false;
      if (ar.failed()) {
        fail(new UpstreamFailedException("zip: writing the staging file failed", ar.cause()));
        body.request().reset();
        return;
      }
      position += chunk.length();
      download.advance(position);
      if (pending.length() <= HIGH_WATER && !ended && !finished.future().isComplete()) {
        body.resume();
      }
      pump();
    });
  }

  private void fail(Throwable error) {
    finished.tryFail(error);
  }
}
