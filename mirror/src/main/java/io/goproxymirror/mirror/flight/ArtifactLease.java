package io.goproxymirror.mirror.flight;

import io.reactivex.rxjava3.core.Completable;

/**
 * The right, granted by {@link ArtifactLocks}, to fetch one artifact from upstream. While held,
 * the lease keeps itself alive (a shared lock is renewed in the background); the holder releases
 * it once the artifact is stored, or the fetch has failed or was cancelled.
 *
 * <p>A lease can be lost without {@link #release()}: when the shared lock could not be renewed in
 * time (Redis unreachable for longer than the lock's TTL, or held past the implementation's
 * maximum hold time), another replica may then start the same fetch. That costs a duplicate
 * download, never a wrong artifact: stores accept an artifact once and ignore later identical
 * writes. {@link #held()} tells whether the lease is still believed to be ours.
 */
public interface ArtifactLease {

  /** The artifact this lease is for. */
  ArtifactLockKey key();

  /**
   * Whether this lease is still ours as far as this process knows: false after {@link #release()}
   * and once a renewal found that the lock belongs to someone else or was renewed for the last
   * time.
   */
  boolean held();

  /**
   * Stops the renewal and gives the lock up, but only if it is still ours (a lease whose lock has
   * expired and been taken by another holder leaves that holder's lock alone). Never fails: when
   * the shared store cannot be reached, the lock is left to expire after its TTL. Calling it again
   * does nothing.
   */
  Completable release();
}
