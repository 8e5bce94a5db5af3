package io.goproxymirror.sync.queue;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The delay before a retry: {@code backoff * 2^(attempt-1)}, capped at {@code maxBackoff}, then
 * multiplied by a random factor in [0.75, 1.25) so that failures of many versions at once do not
 * retry in step, and capped again.
 */
public final class RetryBackoff {
  private final Duration backoff;
  private final Duration maxBackoff;
  private final RandomGenerator random;

  public RetryBackoff(Duration backoff, Duration maxBackoff, RandomGenerator random) {
    this.backoff = backoff;
    this.maxBackoff = maxBackoff;
    this.random = random;
  }

  /**
   * @param failedAttempts attempts made so far, at least 1
   */
  public Duration delay(int failedAttempts) {
    long base = backoff.toMillis();
    long cap = maxBackoff.toMillis();
    int doublings = Math.min(Math.max(failedAttempts - 1, 0), 62);
    long exponential = base > (cap >> doublings) ? cap : Math.min(cap, base << doublings);
    double jittered = exponential * (0.75 + random.nextDouble() * 0.5);
    return Duration.ofMillis(Math.max(1, Math.min(cap, Math.round(jittered))));
  }
}
