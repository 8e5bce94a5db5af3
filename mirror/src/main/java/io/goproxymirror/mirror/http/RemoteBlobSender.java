package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.serve.Reply;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.rxjava3.FlowableHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a stored blob from a store without local files (S3) to one client, with backpressure:
 * chunks are read from the store only as fast as the client takes them. The length is known up
 * front; a store failure before the first byte is an error answer, after it a reset connection
 * (the client sees a short transfer, never a complete wrong file).
 */
final class RemoteBlobSender {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteBlobSender.class);
  private static final int CHUNK = 64 * 1024;

  private RemoteBlobSender() {}

  static void send(RoutingContext ctx, Reply.StoredBlob blob) {
    HttpServerResponse response = ctx.response();
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Long.toString(blob.size())).end();
      return;
    }
    Context context = ctx.vertx().getOrCreateContext();
    blob.open().get().subscribe(
        content -> context.runOnContext(v -> FlowableHelper.toReadStream(
                content.chunks(CHUNK).map(chunk -> {
                  byte[] bytes = new byte[chunk.remaining()];
                  chunk.get(bytes);
                  return Buffer.buffer(bytes);
                }))
            .pipeTo(response.putHeader("Content-Length", Long.toString(content.size())))
            .onFailure(err -> {
              LOG.warn("event=blob_stream_aborted reason=\"{}\"", err.toString());
              response.reset();
            })),
        err -> context.runOnContext(v -> ctx.fail(err)),
        () -> context.runOnContext(v -> ctx.fail(new io.goproxymirror.mirror.errors.NotFoundException(
            "stored file disappeared; retry"))));
  }
}
