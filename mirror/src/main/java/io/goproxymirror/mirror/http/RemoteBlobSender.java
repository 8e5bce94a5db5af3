package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.serve.Reply;
import io.goproxymirror.mirror.store.BlobContent;
import io.reactivex.rxjava3.core.Scheduler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.rxjava3.RxHelper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a stored blob from a store without local files (S3) to one client, with backpressure:
 * chunks are read from the store only as fast as the client takes them. The length is known up
 * front; a store failure before the first byte is an error answer, after it a reset connection
 * (the client sees a short transfer, never a complete wrong file).
 *
 * <p>The chunks are read on the store's blocking scheduler and handed over to this request's
 * event loop ({@code observeOn} with a small prefetch); every write, {@code writeQueueFull} check,
 * drain and demand signal then happens on that one thread, through Vert.x's own subscriber for a
 * write stream. At most {@link #PREFETCH} chunks of {@link #CHUNK} bytes (plus the one being read)
 * wait between the store and the connection's write queue, whatever the blob's size and however
 * slow the client. A stream that makes no progress for the store's stall timeout fails (see
 * {@link BlobContent#chunks}); a client that goes away cancels the read, which releases the store's
 * connection.
 */
final class RemoteBlobSender {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteBlobSender.class);
  /** Bytes per chunk read from the store and written to the client. */
  static final int CHUNK = 64 * 1024;
  /** Chunks read ahead of what the connection has taken. */
  static final int PREFETCH = 4;

  private RemoteBlobSender() {}

  static void send(RoutingContext ctx, Reply.StoredBlob blob) {
    HttpServerResponse response = ctx.response();
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(blob.size())).end();
      return;
    }
    Scheduler eventLoop = RxHelper.scheduler(ctx.vertx().getOrCreateContext());
    blob.open().get().observeOn(eventLoop).subscribe(
        content -> stream(ctx, content, eventLoop),
        ctx::fail,
        () -> ctx.fail(new NotFoundException("stored file disappeared; retry")));
  }

  /** On the request's event loop. */
  private static void stream(RoutingContext ctx, BlobContent content, Scheduler eventLoop) throws IOException {
    HttpServerResponse response = ctx.response();
    if (response.closed()) {
      LOG.debug("event=blob_stream_client_gone bytes=0");
      content.close();
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(content.size()));
    content.chunks(CHUNK)
        .observeOn(eventLoop, false, PREFETCH)
        .subscribe(RxHelper.toSubscriber(response, RemoteBlobSender::buffer)
            .onError(err -> failed(ctx, err))
            .onWriteStreamError(err -> LOG.debug("event=blob_stream_client_gone reason=\"{}\"", err.toString()))
            .onWriteStreamEndError(err -> LOG.debug("event=blob_stream_client_gone reason=\"{}\"", err.toString())));
  }

  private static void failed(RoutingContext ctx, Throwable err) {
    HttpServerResponse response = ctx.response();
    if (!response.headWritten()) {
      response.headers().remove(HttpHeaders.CONTENT_LENGTH);
      ctx.fail(err);
      return;
    }
    LOG.warn("event=blob_stream_aborted bytes={} reason=\"{}\"", response.bytesWritten(), err.toString());
    response.reset();
  }

  private static Buffer buffer(ByteBuffer chunk) {
    byte[] bytes = new byte[chunk.remaining()];
    chunk.get(bytes);
    return Buffer.buffer(bytes);
  }
}
