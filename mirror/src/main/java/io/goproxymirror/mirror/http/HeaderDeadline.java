package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.logs.ThrottledLog;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The header-read deadline ({@code server.header-timeout}), separate from the idle timeout: it
 * runs from the moment a connection opens, and from the first byte of each later request, until
 * that request's line and headers are complete. When it passes, a client that sent part of a
 * request gets 408 and the connection is closed; one that sent nothing is closed without an answer.
 * A keep-alive connection idle between requests is not affected (the idle timeout governs it). If
 * an earlier response is still being written when it passes, the 408 follows that response.
 */
final class HeaderDeadline extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
  private static final byte[] BODY = "request headers not received in time\n".getBytes(StandardCharsets.UTF_8);
  private final long timeoutNanos;
  private final ThrottledLog log;
  private ChannelHandlerContext context;
  /** The check that runs when a deadline may have passed; at most one is scheduled at a time. */
  private ScheduledFuture<?> timer;
  /** True from a connection's opening or a request's first byte until that request's headers end. */
  private boolean inHead;
  private long headStart;
  private boolean started;
  private boolean expired;
  private int responding;

  HeaderDeadline(Duration timeout, ThrottledLog log) {
    this.timeoutNanos = timeout.toNanos();
    this.log = log;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    context = ctx;
    if (ctx.channel().isActive()) {
      beginHead();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event == StrictRequestDecoder.REQUEST_STARTED) {
      started = true;
      if (!inHead) {
        beginHead();
      }
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      // The timer is left to run out: a request costs no scheduling, the check finds no head.
      inHead = false;
      started = false;
      expired = false;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse) {
      responding++;
    }
    boolean ended = msg instanceof LastHttpContent;
    ctx.write(msg, promise);
    if (ended) {
      responding = Math.max(0, responding - 1);
      if (expired && responding == 0) {
        timeOut(ctx);
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  private void beginHead() {
    inHead = true;
    headStart = System.nanoTime();
    if (timer == null) {
      schedule(timeoutNanos);
    }
  }

  private void schedule(long delayNanos) {
    timer = context.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void check() {
    timer = null;
    if (!inHead || !context.channel().isActive()) {
      return;
    }
    long left = headStart + timeoutNanos - System.nanoTime();
    if (left > 0) {
      schedule(left);
    } else if (responding > 0) {
      expired = true;
    } else {
      timeOut(context);
    }
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void timeOut(ChannelHandlerContext ctx) {
    expired = false;
    log.log(LOG, Level.INFO, "event=header_timeout",
        () -> "sent_part=" + started + " timeout_ms=" + TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
    if (!started) {
      ctx.close();
      return;
    }
    FullHttpResponse response = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT, Unpooled.wrappedBuffer(BODY));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .set(HttpHeaderNames.CONTENT_LENGTH, BODY.length)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
        .set(HttpHeaderNames.CONNECTION, "close");
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
