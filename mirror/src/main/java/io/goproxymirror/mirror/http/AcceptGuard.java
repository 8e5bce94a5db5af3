package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.logs.ThrottledLog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Sits on the listening socket's pipeline, before Netty's acceptor. It counts accepted connections
 * against the {@link ConnectionBudget} and stops accepting while the budget is full (until a
 * connection closes), and handles a failed accept (typically {@code EMFILE}, too
 * many open files): accepting pauses for {@link #PAUSE} (the waiting clients stay in the kernel's
 * backlog) and the failure is logged through the {@link ThrottledLog}, without a stack trace,
 * instead of reaching the end of the pipeline where Netty logs each one with its stack trace.
 */
final class AcceptGuard extends ChannelInboundHandlerAdapter implements Runnable {
  static final Duration PAUSE = Duration.ofMillis(200);
  private static final Logger LOG = LoggerFactory.getLogger(AcceptGuard.class);
  private final ConnectionBudget budget;
  private final ThrottledLog log;
  private volatile ChannelHandlerContext context;
  /** Set while a pause after a failed accept runs: only its end resumes accepting. */
  private volatile boolean failurePause;
  private final ChannelFutureListener childClosed;

  AcceptGuard(ConnectionBudget budget, ThrottledLog log) {
    this.budget = budget;
    this.log = log;
    this.childClosed = future -> {
      budget.closed();
      ChannelHandlerContext ctx = context;
      if (ctx != null && !ctx.channel().config().isAutoRead()) {
        ctx.executor().execute(this::resumeIfFree);
      }
    };
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    context = ctx;
  }

  /** The end of a pause after a failed accept. */
  @Override
  public void run() {
    failurePause = false;
    resumeIfFree();
  }

  private void resumeIfFree() {
    if (!failurePause && !budget.full()) {
      context.channel().config().setAutoRead(true);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Channel child) {
      budget.accepted(child, childClosed);
      if (budget.full()) {
        ctx.channel().config().setAutoRead(false);
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    // Pause first: whatever happens while logging, the accept loop must not spin. Nothing here
    // may need a new descriptor (such as loading a class from a directory): no lambda, no new class.
    if (!failurePause) {
      failurePause = true;
      ctx.channel().config().setAutoRead(false);
      ctx.executor().schedule(this, PAUSE.toMillis(), TimeUnit.MILLISECONDS);
    }
    log.log(LOG, Level.WARN, "event=accept_failed", "open_connections=" + budget.open() + " paused_ms="
        + PAUSE.toMillis() + " reason=\"" + cause.getMessage() + "\"");
  }
}
