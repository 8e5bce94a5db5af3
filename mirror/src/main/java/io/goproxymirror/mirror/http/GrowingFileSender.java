package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.fetch.ZipDownload;
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
  private boolean fileClosed;

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
    response.closeHandler(v -> {
      closed = true;
      closeFile();
    });
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
    Future<?> done = download.done();
    if (done.failed()) {
      fail(done.cause());
      return;
    }
    boolean finished = done.succeeded();
    long available = finished ? download.written() : download.written() - 1;
    if (position < available) {
      int length = (int) Math.min(CHUNK, available - position);
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
      closeFile();
      response.end();
      return;
    }
    download.whenProgress(position, () -> context.runOnContext(v -> pump()));
  }

  /**
   * The download failed: a client that has not received the headers yet gets the error answer
   * (502, or 504 for a timeout) like any failed fetch; one that has is cut off.
   */
  private void fail(Throwable cause) {
    if (!response.headWritten() && cause instanceof MirrorException mirror) {
      log.log(LOG, Level.WARN, "event=zip_stream_failed status=" + mirror.status(),
          "reason=\"" + mirror.getMessage() + "\"");
      closed = true;
      closeFile();
      response.headers().remove(HttpHeaders.CONTENT_LENGTH);
      FailureHandler.answer(response, false, mirror.status(), mirror.getMessage());
      return;
    }
    abort(cause.getMessage());
  }

  private void abort(String reason) {
    log.log(LOG, Level.WARN, "event=zip_stream_aborted", "reason=\"" + reason + "\"");
    closed = true;
    closeFile();
    response.reset();
  }

  /**
   * Closes the staging file once: resetting the response after an abort runs the close handler
   * too, and a second close of a Vert.x file throws.
   */
  private void closeFile() {
    if (!fileClosed) {
      fileClosed = true;
      file.close();
    }
  }
}
