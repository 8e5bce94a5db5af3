package io.goproxymirror.sync.leadership;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;

/**
 * The lock that makes exactly one worker lead. {@link #hold()} takes the lock when it is free or
 * extends it when it is ours, for the lock's TTL; a leader that stops calling it loses the lock
 * when the TTL runs out, and a standby then takes it. Implementations: {@link LocalLeaderLock}
 * (one process, always the leader) and the mirror's Redis lock.
 */
public interface LeaderLock {
  /** True when the lock is ours now (taken or extended), false when another worker holds it. */
  Single<Boolean> hold();

  /** Gives the lock up if it is ours, so a standby takes over without waiting for the TTL. */
  Completable release();
}
