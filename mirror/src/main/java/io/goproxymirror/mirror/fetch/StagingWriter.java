package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.StorageFullException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientResponse;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies an upstream body into a staging file with one write in flight at a time, so that the
 * reported length is always the length of bytes really in the file. Pauses the upstream while
 * more than {@link #HIGH_WATER} bytes wait to be written. Enforces a size limit and, when the
 * upstream declared a Content-Length, that the body has exactly that length.
 *
 * <p>When a write fails (the disk is full) while clients stream the download, the rest of the body
 * is relayed to them in memory ({@link ZipRelay}, same limits, the upstream paused for the slowest
 * of them) and nothing is stored; the copy then fails with the write's error once the body ended.
 * With no client streaming it, the upstream is abandoned at once.
 */
final class StagingWriter {
  private static final Logger LOG = LoggerFactory.getLogger(StagingWriter.class);
  private static final int HIGH_WATER = 1 << 20;
  private final HttpClientResponse body;
  private final ZipDownload download;
  private final long maxBytes;
  private final Context context;
  private final Promise<Long> finished = Promise.promise();
  private AsyncFile file;
  private Buffer pending = Buffer.buffer();
  private long position;
  private long received;
  private boolean writing;
  private boolean ended;
  private ZipRelay relay;
  private MirrorException writeFailure;

  private StagingWriter(HttpClientResponse body, ZipDownload download, long maxBytes, Context context) {
    this.body = body;
    this.download = download;
    this.maxBytes = maxBytes;
    this.context = context;
  }

  /**
   * Streams the body into {@code download}'s staging file; completes with the byte count. Call it
   * on the response's event loop while the response is still paused: its end future (taken when
   * it arrived, see {@link ProxyUpstream}) keeps a failure of the connection from before.
   */
  static Future<Long> copy(Vertx vertx, HttpClientResponse body, ZipDownload download, long maxBytes) {
    StagingWriter writer = new StagingWriter(body, download, maxBytes, vertx.getOrCreateContext());
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
          return Future.failedFuture(writeError("cannot open the staging file", err));
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
      if (relay != null) {
        if (relay.offer(chunk)) {
          body.pause();
        }
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
      if (relay != null) {
        relay.finish(null);
        finished.tryFail(writeFailure);
        return;
      }
      pump();
    });
  }

  private void pump() {
    if (file == null || writing || relay != null || finished.future().isComplete()) {
      return;
    }
    if (pending.length() == 0) {
      if (ended) {
        file.flush().onComplete(ar -> {
          if (ar.succeeded()) {
            finished.tryComplete(position);
          } else {
            fail(writeError("zip: flushing the staging file failed", ar.cause()));
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
        relayFrom(chunk, writeError("zip: writing the staging file failed", ar.cause()));
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

  /**
   * The staging file took {@link #position} bytes and no more: the download fails for new
   * requests, and its streaming readers get {@code unwritten} and the rest of the body in memory.
   */
  private void relayFrom(Buffer unwritten, MirrorException error) {
    if (finished.future().isComplete()) {
      return;
    }
    writeFailure = error;
    ZipRelay started = download.startRelay(position, HIGH_WATER, error);
    if (started == null) {
      fail(error);
      body.request().reset();
      return;
    }
    relay = started;
    LOG.warn("event=zip_relayed staged_bytes={} reason=\"{}\" stored=false", position, error.getMessage());
    relay.onRoom(() -> context.runOnContext(v -> {
      if (!finished.future().isComplete()) {
        body.resume();
      }
    }));
    relay.onAbandoned(() -> context.runOnContext(v -> {
      body.request().reset();
      fail(error);
    }));
    boolean full = relay.offer(unwritten) | relay.offer(pending);
    pending = Buffer.buffer();
    if (ended) {
      relay.finish(null);
      finished.tryFail(writeFailure);
    } else if (!full) {
      body.resume();
    }
  }

  private void fail(Throwable error) {
    if (relay != null) {
      relay.finish(error);
      finished.tryFail(writeFailure);
    } else {
      finished.tryFail(error);
    }
  }

  /** A failure of the staging file itself: 507 when the disk is full. */
  private static MirrorException writeError(String what, Throwable cause) {
    return StorageFullException.isCause(cause)
        ? new StorageFullException("no space left to store the zip", cause)
        : new UpstreamFailedException(what, cause);
  }
}
