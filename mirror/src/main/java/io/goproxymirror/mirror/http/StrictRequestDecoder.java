package io.goproxymirror.mirror.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ByteProcessor;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.util.List;
import java.util.Locale;

/**
 * Vert.x's request decoder, made strict where RFC 9112 lets a server reject what Netty accepts:
 * a request with both {@code Content-Length} and {@code Transfer-Encoding}, a {@code
 * Transfer-Encoding} other than a single {@code chunked} (or any in HTTP/1.0), a missing or
 * repeated {@code Host}, and obs-fold (a header line continued on the next line, which Netty
 * silently joins). Such a request gets a failed decoder result, so Vert.x hands it to the invalid
 * request handler (400) and closes the connection after the answer; the bytes after it (a
 * pipelined request) are discarded, never served.
 *
 * <p>It also tells the {@link HeaderDeadline} when the first byte of a request arrives (with
 * {@link #REQUEST_STARTED}), so the header deadline runs from there and not during keep-alive idle
 * time.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {
  /** User event fired when the first bytes of a request line arrive. */
  static final Object REQUEST_STARTED = new Object();
  private boolean inHead = true;
  private boolean started;
  private boolean requestLineSeen;
  private boolean lineHasContent;
  private boolean folded;
  private boolean discarding;

  StrictRequestDecoder(HttpServerOptions options) {
    super(options);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (discarding) {
      // After a rejected request nothing more is read: the connection closes after its answer.
      in.skipBytes(in.readableBytes());
      return;
    }
    if (inHead && !started && in.forEachByte(ByteProcessor.FIND_NON_CRLF) != -1) {
      started = true;
      ctx.fireUserEventTriggered(REQUEST_STARTED);
    }
    int from = in.readerIndex();
    int produced = out.size();
    super.decode(ctx, in, out);
    if (inHead) {
      scanHead(in, from, in.readerIndex());
    }
    for (int i = produced; i < out.size(); i++) {
      Object message = out.get(i);
      if (message instanceof HttpRequest request) {
        if (request.decoderResult().isSuccess()) {
          String problem = problem(request);
          if (problem != null) {
            request.setDecoderResult(DecoderResult.failure(new HttpFramingException(problem)));
            discarding = true;
          }
        }
        inHead = false;
        requestLineSeen = false;
        lineHasContent = false;
        folded = false;
      }
      if (message instanceof LastHttpContent) {
        inHead = true;
        started = false;
      }
    }
  }

  /**
   * Netty drops the {@code Content-Length} of a chunked HTTP/1.1 request; RFC 9112 section 6.3
   * lets a server reject it instead, which closes the door to smuggling through a front that
   * reads the length.
   */
  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    throw new HttpFramingException("bad request: both Content-Length and Transfer-Encoding");
  }

  /**
   * Follows the bytes of a request head that the decoder consumed: a line after the request line
   * that starts with a space or tab continues the previous header (obs-fold). The decoder consumes
   * whole lines only, so {@code from} is always the start of a line.
   */
  private void scanHead(ByteBuf in, int from, int to) {
    int i = from;
    while (!requestLineSeen && i < to) {
      byte b = in.getByte(i++);
      if (b == '\n') {
        requestLineSeen = lineHasContent;
      } else if (b > ' ') {
        lineHasContent = true;
      }
    }
    if (!requestLineSeen) {
      return;
    }
    while (i < to) {
      byte first = in.getByte(i);
      if (first == ' ' || first == '\t') {
        folded = true;
        return;
      }
      int lf = in.indexOf(i, to, (byte) '\n');
      if (lf < 0) {
        return;
      }
      i = lf + 1;
    }
  }

  private String problem(HttpRequest request) {
    if (folded) {
      return "bad request: obsolete line folding in a header";
    }
    List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
    if (hosts.size() > 1) {
      return "bad request: more than one Host header";
    }
    if (hosts.isEmpty() && request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
      return "bad request: no Host header";
    }
    if (request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      List<String> codings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
      if (request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
        return "bad request: both Content-Length and Transfer-Encoding";
      }
      if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
        return "bad request: Transfer-Encoding in an HTTP/1.0 request";
      }
      String joined = String.join(",", codings).strip().toLowerCase(Locale.ROOT);
      if (!joined.equals("chunked")) {
        return "bad request: unsupported Transfer-Encoding (only chunked is accepted)";
      }
    }
    return null;
  }
}
