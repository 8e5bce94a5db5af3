package io.goproxymirror.mirror.http;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many client connections the server keeps open at once, so that client sockets cannot take
 * the file descriptors that upstream connections, stored files and staging files need. A connection
 * accepted past the budget is marked; its first request is answered 503 with {@code Retry-After}
 * and the connection is closed ({@link HttpVerticle}), which frees its descriptor at once. Those
 * connections take descriptors too, so past {@code max + overflow} open connections the server stops
 * accepting until some close (the {@link AcceptGuard}); further clients wait in the kernel's backlog.
 */
public final class ConnectionBudget {
  static final AttributeKey<Boolean> OVER_BUDGET = AttributeKey.valueOf("goproxy.mirror.overBudget");
  private final int max;
  private final int hardMax;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong shed = new AtomicLong();

  /**
   * At most {@code max} client connections are served at once (at least 1), and at most {@code
   * overflow} more are accepted to be answered 503.
   */
  public ConnectionBudget(int max, int overflow) {
    this.max = Math.max(1, max);
    this.hardMax = this.max + Math.max(1, overflow);
  }

  /**
   * Counts {@code child} until it closes (then {@code closed} runs) and marks it when it is over the
   * budget.
   */
  void accepted(Channel child, io.netty.channel.ChannelFutureListener closed) {
    int now = open.incrementAndGet();
    child.closeFuture().addListener(closed);
    if (now > max) {
      shed.incrementAndGet();
      child.attr(OVER_BUDGET).set(Boolean.TRUE);
    }
  }

  /** Counts a connection that closed. */
  void closed() {
    open.decrementAndGet();
  }

  /** True when no more connections may be accepted for now. */
  boolean full() {
    return open.get() >= hardMax;
  }

  static boolean overBudget(Channel channel) {
    return Boolean.TRUE.equals(channel.attr(OVER_BUDGET).get());
  }

  /** Client connections open now. */
  public int open() {
    return open.get();
  }

  /** Connections answered 503 because the budget was used up, since start. */
  public long shed() {
    return shed.get();
  }

  public int max() {
    return max;
  }
}
