package io.goproxymirror.mirror.http;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many client connections the server keeps open at once, so that client sockets cannot take
 * the file descriptors that upstream connections, stored files and staging files need. A connection
 * accepted past the budget is marked; its first request is answered 503 with {@code Retry-After}
 * and the connection is closed ({@link HttpVerticle}), which frees its descriptor at once.
 */
public final class ConnectionBudget {
  static final AttributeKey<Boolean> OVER_BUDGET = AttributeKey.valueOf("goproxy.mirror.overBudget");
  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong shed = new AtomicLong();

  /** At most {@code max} client connections are served at once (at least 1). */
  public ConnectionBudget(int max) {
    this.max = Math.max(1, max);
  }

  /** Counts {@code child} until it closes and marks it when it is over the budget. */
  void accepted(Channel child) {
    int now = open.incrementAndGet();
    child.closeFuture().addListener(f -> open.decrementAndGet());
    if (now > max) {
      shed.incrementAndGet();
      child.attr(OVER_BUDGET).set(Boolean.TRUE);
    }
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
