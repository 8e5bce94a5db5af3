package io.goproxymirror.mirror.fetch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to retry one upstream GET: at most {@code max} retries, the n-th (from 0) after a delay drawn
 * from [d/2, d] with d = {@code backoff} * 2^n, and only when the retry can start before the
 * fetch's deadline.
 */
public record RetryPolicy(int max, Duration backoff) {

  /** No retries. */
  public static RetryPolicy none() {
    return new RetryPolicy(0, Duration.ofMillis(100));
  }

  /** The delay in milliseconds before retry {@code n} (0-based), with jitter. */
  public long backoffMillis(int n) {
    long base = Math.max(1, backoff.toMillis()) << Math.min(n, 20);
    return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
  }

  /** Whether retry {@code n} waiting {@code delayMillis} still starts well before {@code deadlineNanos}. */
  public boolean allows(int n, long delayMillis, long deadlineNanos) {
    return n < max && System.nanoTime() + delayMillis * 1_000_000L < deadlineNanos;
  }
}
