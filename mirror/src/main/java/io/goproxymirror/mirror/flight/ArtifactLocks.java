package io.goproxymirror.mirror.flight;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.errors.OverloadedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;

/**
 * One lock per artifact across every replica of the mirror, so that each artifact is fetched from
 * upstream once. It sits behind the in-process {@link SingleFlight}: within one process callers of
 * the same artifact already share one execution, and that execution takes the lock.
 *
 * <p>The intended use, with {@code stored} a lookup of the artifact in storage:
 *
 * <pre>{@code
 * Single<T> once(ArtifactLockKey key) {
 *   return stored.switchIfEmpty(locks.tryAcquire(key)
 *       .flatMapSingle(lease -> stored                     // a holder may have just finished
 *           .switchIfEmpty(fetchAndStore())
 *           .flatMap(v -> lease.release().toSingleDefault(v))
 *           .onErrorResumeNext(e -> lease.release().andThen(Single.error(e))))
 *       .switchIfEmpty(locks.awaitRelease(key)             // another replica is fetching it
 *           .andThen(Single.defer(() -> once(key)))));     // stored now, or try again
 * }
 * }</pre>
 *
 * <p>Waiting is bounded: by a deadline, and by a maximum number of callers waiting at once in this
 * process. Errors, all from the returned Rx types (nothing is thrown):
 *
 * <ul>
 *   <li>{@link MetadataUnavailableException}: the shared store
 *       (Redis) cannot be reached or did not answer within its command timeout. It fails fast and
 *       never hangs; the caller may go on with in-process single-flight alone.
 *   <li>{@link OverloadedException}: too many callers of this
 *       process are already waiting; nothing was queued.
 *   <li>{@link UpstreamTimeoutException}: the holder still held the
 *       lock when the wait deadline passed.
 *   <li>{@link IllegalStateException}: called after {@link #close()}.
 * </ul>
 *
 * <p>A holder that dies without releasing its lock loses it after the lock's TTL; waiters then
 * wake up and one of them takes over. The lock saves duplicate downloads; it is not needed for
 * correctness (storage accepts an artifact once), so a rare duplicate (a lost Redis write on
 * failover, a lease that could not be renewed) is harmless.
 */
public interface ArtifactLocks {

  /**
   * One attempt at becoming the fetcher of {@code key}: emits the lease when the lock was free (or
   * had expired), completes empty when another holder has it. Does not wait. A lease granted
   * after the subscriber has gone away is released at once.
   */
  Maybe<ArtifactLease> tryAcquire(ArtifactLockKey key);

  /**
   * Completes once the holder of {@code key} at the time of the call no longer holds it: at once
   * when it is free, else when that holder releases it or its lock expires, even if another caller
   * has taken it since. Does not take the lock; the caller then looks in storage and, if the
   * artifact is still absent, calls {@link #tryAcquire} again (which another waiter may win).
   * Fails with {@code UpstreamTimeoutException} at the wait deadline.
   */
  Completable awaitRelease(ArtifactLockKey key);

  /**
   * Becomes the fetcher of {@code key}, waiting for other holders as long as needed within one
   * wait deadline: {@link #tryAcquire} and {@link #awaitRelease} in a loop. For callers with no
   * storage to look into between holders; fetch paths use the two steps themselves.
   */
  Single<ArtifactLease> acquire(ArtifactLockKey key);

  /**
   * Releases the leases this instance still holds, then frees its resources. Later calls fail
   * with {@link IllegalStateException}.
   */
  Completable close();
}
