package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.fetch.ZipDownload;
import io.goproxymirror.mirror.fetch.ZipRelay;
import io.goproxymirror.mirror.logs.ThrottledLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Streams a zip to one client while it is being downloaded: reads the staging file up to the bytes
 * written so far, waits for more, and ends the response only once the download is verified and
 * committed. The last byte is held back until then: if the download fails after bytes were sent,
 * the connection is reset and the client sees a failed (short) transfer, never a complete bad
 * file. Memory stays bounded by the response's write
 * queue and one read chunk.
 *
 * <p>When the staging file cannot be written (the disk is full) while this client streams, the
 * rest comes from the download's {@link ZipRelay}: the client still gets the whole zip, which is
 * not stored, and the last byte only once the upstream body ended complete (its declared length);
 * if the upstream fails instead, the connection is reset.
 */
final class GrowingFileSender {
  private static final Logger LOG = LoggerFactory.getLogger(GrowingFileSender.class);
  private static final int CHUNK = 64 * 1024;
  private final Context context;
  private final HttpServerResponse response;
  private final ZipDownload download;
  private final AsyncFile file;
  private final ThrottledLog log;
  private long position;
  private boolean closed;

  private GrowingFileSender(Context context, HttpServerResponse response, ZipDownload download, AsyncFile file, ThrottledLog log) {
    this.log = log;
    this.context = context;
    this.response = response;
    this.download = download;
    this.file = file;
  }

  /**
   * Opens the staging file. Fails when it is gone already (the download finished and the file was
   * renamed into storage), in which case the caller serves the stored blob instead.
   */
  static Future<GrowingFileSender> open(Vertx vertx, HttpServerResponse response, ZipDownload download,
      ThrottledLog log) {
    Context context = vertx.getOrCreateContext();
    return vertx.fileSystem()
        .open(download.staging().toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
        .map(file -> new GrowingFileSender(context, response, download, file, log));
  }

  /** Starts streaming; headers must be set by the caller (status, type, length if known). */
  void start() {
    if (!download.attach(this)) {
      // The staging file failed before this client could join: answer the download's failure.
      closed = true;
      file.close();
      download.done().onComplete(ar -> context.runOnContext(v -> fail(ar.failed()
          ? ar.cause() : new IllegalStateException("zip download relayed without storing"))));
      return;
    }
    response.closeHandler(v -> stop());
    if (download.declaredLength() >= 0) {
      response.putHeader("Content-Length", Long.toString(download.declaredLength()));
    } else {
      response.setChunked(true);
    }
    pump();
  }

  private void pump() {
    if (closed) {
      return;
    }
    ZipRelay relay = download.relay();
    boolean finished;
    long known;
    if (relay != null) {
      if (relay.failure() != null) {
        abort("the upstream failed while the zip was relayed: " + relay.failure().getMessage());
        return;
      }
      finished = relay.complete();
      known = relay.end();
    } else {
      Future<?> done = download.done();
      if (done.failed()) {
        fail(done.cause());
        return;
      }
      finished = done.succeeded();
      known = download.written();
    }
    long available = finished ? known : known - 1;
    if (position < available) {
      if (relay != null && position >= relay.start()) {
        Buffer chunk = relay.read(position, (int) Math.min(CHUNK, available - position));
        if (chunk.length() == 0) {
          abort("relayed bytes are missing");
          return;
        }
        position += chunk.length();
        relay.sent(this, position);
        response.write(chunk);
        if (response.writeQueueFull()) {
          response.drainHandler(v -> pump());
        } else {
          context.runOnContext(v -> pump());
        }
        return;
      }
      long limit = relay != null ? Math.min(available, relay.start()) : available;
      int length = (int) Math.min(CHUNK, limit - position);
      file.read(Buffer.buffer(length), 0, position, length).onComplete(ar -> {
        if (ar.failed()) {
          abort("reading the staging file failed");
          return;
        }
        Buffer chunk = ar.result();
        if (chunk.length() == 0) {
          abort("staging file is shorter than reported");
          return;
        }
        position += chunk.length();
        response.write(chunk);
        if (response.writeQueueFull()) {
          response.drainHandler(v -> pump());
        } else {
          pump();
        }
      });
      return;
    }
    if (finished) {
      stop();
      response.end();
      return;
    }
    // Everything that may be sent is sent: the last byte waits for the commit, so only a byte past
    // position + 1, or the end of the download, gives more to do. Waiting for less would wake this
    // reader at once, again and again, keeping the event loop busy until the commit.
    Runnable next = () -> context.runOnContext(v -> pump());
    if (relay != null) {
      relay.whenAvailable(position + 1, next);
    } else {
      download.whenProgress(position + 1, next);
    }
  }

  /**
   * The download failed: a client that has not received the headers yet gets the error answer
   * (502, 504 for a timeout, 507 for a full disk) like any failed fetch; one that has is cut off.
   */
  private void fail(Throwable cause) {
    if (!response.headWritten() && cause instanceof MirrorException mirror) {
      log.log(LOG, Level.WARN, "event=zip_stream_failed status=" + mirror.status(),
          "reason=\"" + mirror.getMessage() + "\"");
      stop();
      response.headers().remove(HttpHeaders.CONTENT_LENGTH);
      FailureHandler.retryAfter(response, mirror);
      FailureHandler.answer(response, false, mirror.status(), mirror.getMessage());
      return;
    }
    abort(cause.getMessage());
  }

  private void abort(String reason) {
    log.log(LOG, Level.WARN, "event=zip_stream_aborted", "reason=\"" + reason + "\"");
    stop();
    response.reset();
  }

  /**
   * Stops reading: closes the staging file once (resetting the response after an abort runs the
   * close handler too, and a second close of a Vert.x file throws) and leaves the download (and its
   * relay).
   */
  private void stop() {
    if (!closed) {
      closed = true;
      file.close();
    }
    download.detach(this);
  }
}
