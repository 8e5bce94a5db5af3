package io.goproxymirror.mirror.flight;

import java.time.Duration;

/**
 * How a shared lease is kept alive by {@link HeldLease#renew}.
 *
 * @param ttl how long the lock outlives its last renewal
 * @param maxHold how long the lease is renewed at most
 */
public record LeaseTerms(Duration ttl, Duration maxHold) {

  /** The pause between renewals: a third of the TTL, so two renewals may fail before it expires. */
  public Duration renewEvery() {
    return ttl.dividedBy(3);
  }
}
