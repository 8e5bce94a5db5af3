package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.mirror.flight.LeaseTerms;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RedisArtifactLocks} holds and waits for locks. A plain value; {@link #defaults()}
 * suits a fetch deadline of about a minute.
 *
 * @param ttl how long a lock outlives its last renewal; a holder that dies blocks the artifact
 *     this long at most. Leases renew every {@code ttl / 3}. At least 30 ms.
 * @param maxHold how long a lease is renewed at most; a holder that never releases loses the lock
 *     at most {@code ttl} later. At least {@code ttl}; should exceed the longest fetch.
 * @param waitTimeout how long {@code awaitRelease} and {@code acquire} wait for a holder before
 *     failing; should exceed the longest fetch, so that a waiter normally sees the holder finish
 * @param maxWaiters how many calls of this instance may wait at once; one more fails at once
 * @param pollMin the first pause of a waiter between two looks at the lock
 * @param pollMax the longest such pause (pauses double from {@code pollMin}); bounds how late a
 *     waiter notices a release
 */
public record RedisLockOptions(
    Duration ttl, Duration maxHold, Duration waitTimeout, int maxWaiters, Duration pollMin, Duration pollMax) {

  /** @throws IllegalArgumentException for out-of-range or inconsistent values */
  public RedisLockOptions {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(maxHold, "maxHold");
    Objects.requireNonNull(waitTimeout, "waitTimeout");
    Objects.requireNonNull(pollMin, "pollMin");
    Objects.requireNonNull(pollMax, "pollMax");
    if (ttl.toMillis() < 30) {
      throw new IllegalArgumentException("the lock TTL must be at least 30ms");
    }
    if (maxHold.compareTo(ttl) < 0) {
      throw new IllegalArgumentException("the maximum hold time must be at least the lock TTL");
    }
    if (waitTimeout.isNegative() || waitTimeout.isZero()) {
      throw new IllegalArgumentException("the wait timeout must be positive");
    }
    if (maxWaiters < 1) {
      throw new IllegalArgumentException("max waiters must be at least 1");
    }
    if (pollMin.toMillis() < 1 || pollMax.compareTo(pollMin) < 0) {
      throw new IllegalArgumentException("the poll interval must be at least 1ms and its maximum at least its minimum");
    }
  }

  /**
   * TTL 5 s, renewed every 5/3 s (a holder that dies blocks its artifact for 5 s at most; a
   * holder alive keeps its lock through two failed renewals), renewed for 15 min at most, waits
   * of 90 s at most, 256 waiters, polls every 10 ms to 100 ms (a fiftieth of the TTL).
   */
  public static RedisLockOptions defaults() {
    return new RedisLockOptions(Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofSeconds(90), 256,
        Duration.ofMillis(10), Duration.ofMillis(100));
  }

  /** A copy with this TTL, and a maximum hold time of at least this TTL. */
  public RedisLockOptions withTtl(Duration value) {
    return new RedisLockOptions(value, max(maxHold, value), waitTimeout, maxWaiters, pollMin, pollMax);
  }

  /** A copy with this maximum hold time. */
  public RedisLockOptions withMaxHold(Duration value) {
    return new RedisLockOptions(ttl, value, waitTimeout, maxWaiters, pollMin, pollMax);
  }

  /** A copy with this wait timeout. */
  public RedisLockOptions withWaitTimeout(Duration value) {
    return new RedisLockOptions(ttl, maxHold, value, maxWaiters, pollMin, pollMax);
  }

  /** A copy with this many waiters at most. */
  public RedisLockOptions withMaxWaiters(int value) {
    return new RedisLockOptions(ttl, maxHold, waitTimeout, value, pollMin, pollMax);
  }

  /** A copy with these poll pauses. */
  public RedisLockOptions withPoll(Duration min, Duration max) {
    return new RedisLockOptions(ttl, maxHold, waitTimeout, maxWaiters, min, max);
  }

  /** How a lease is kept alive: this TTL, renewed for {@code maxHold} at most. */
  LeaseTerms terms() {
    return new LeaseTerms(ttl, maxHold);
  }

  /** The pause between renewals: a third of the TTL, so two renewals may fail before it expires. */
  Duration renewEvery() {
    return terms().renewEvery();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
