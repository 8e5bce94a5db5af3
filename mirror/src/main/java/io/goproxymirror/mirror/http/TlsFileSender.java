package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.logs.ThrottledLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Sends a stored file over HTTP/1.1 on a TLS connection. Without TLS the kernel sends a file
 * (sendfile); with TLS every byte is encrypted in the process, and Vert.x's own file sending then
 * goes in 8 KiB pieces, each wrapped and flushed as a TLS record of its own. This sender reads
 * 64 KiB at a time (positional reads of the shared open channel, from the page cache, on the event
 * loop) into pooled direct buffers, so the TLS layer writes full 16 KiB records and each flush
 * carries four of them. Memory per response is bounded by the response's write queue: reading
 * stops while it is full and goes on when it drains; each buffer goes back to the pool when its
 * write is done.
 */
final class TlsFileSender {
  /** Four full TLS records. */
  static final int CHUNK = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(TlsFileSender.class);

  private final HttpServerResponse response;
  private final Path file;
  private final FileChannel channel;
  private final ThrottledLog log;
  private final long end;
  private final Runnable release;
  private long position;
  private boolean ended;
  private boolean finished;

  private TlsFileSender(HttpServerResponse response, Path file, FileChannel channel, long size, Runnable release,
      ThrottledLog log) {
    this.response = response;
    this.file = file;
    this.channel = channel;
    this.log = log;
    this.end = size;
    this.release = release;
  }

  /**
   * Sends {@code size} bytes of {@code channel} (open on {@code file}) as the body of {@code
   * response} (headers set already), then calls {@code release} once, also when the client goes
   * away or a read fails (then the connection is reset, as a short body must never look complete,
   * and the failure is logged, throttled).
   */
  static void send(HttpServerResponse response, Path file, FileChannel channel, long size, Runnable release,
      ThrottledLog log) {
    TlsFileSender sender = new TlsFileSender(response, file, channel, size, release, log);
    response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(size));
    response.closeHandler(v -> sender.finish());
    response.drainHandler(v -> sender.pump());
    sender.pump();
  }

  private void pump() {
    while (!finished && position < end && !response.writeQueueFull()) {
      int length = (int) Math.min(CHUNK, end - position);
      ByteBuf chunk = PooledByteBufAllocator.DEFAULT.directBuffer(length);
      try {
        while (chunk.writerIndex() < length) {
          int read = chunk.writeBytes(channel, position + chunk.writerIndex(), length - chunk.writerIndex());
          if (read < 0) {
            throw new IOException("the stored file ended early");
          }
        }
      } catch (IOException e) {
        log.log(LOG, Level.ERROR, "event=stored_file_read_failed", () -> "file=" + file, e);
        chunk.release();
        finish();
        response.reset();
        return;
      }
      position += length;
      // Vert.x hands a foreign buffer on as unreleasable: the pooled memory is ours to give back
      // once the write is done (sent, or failed with the connection).
      response.write(BufferInternal.buffer(chunk)).onComplete(done -> chunk.release());
    }
    if (!finished && !ended && position >= end) {
      ended = true;
      response.end().onComplete(done -> finish());
    }
  }

  private void finish() {
    if (!finished) {
      finished = true;
      release.run();
    }
  }
}
