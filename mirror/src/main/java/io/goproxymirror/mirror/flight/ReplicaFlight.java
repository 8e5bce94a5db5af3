package io.goproxymirror.mirror.flight;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an artifact once across replicas (the in-process {@link SingleFlight} runs around it):
 * take the artifact's lock; look in storage again (another replica may have stored it while we
 * waited); fetch and store; release the lock when the artifact is committed, or at once when the
 * fetch fails or is cancelled before it produced anything. A replica that finds
 * the lock taken waits for its holder, then serves what the holder stored, or, if the holder
 * failed or died, tries to become the fetcher itself (at most {@value #MAX_ROUNDS} rounds, then it
 * fetches regardless). Without a working lock service (Redis unavailable) it fetches at once:
 * in-process single-flight still holds.
 */
public final class ReplicaFlight {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaFlight.class);
  private static final int MAX_ROUNDS = 3;

  private final ArtifactLocks locks;
  private final BooleanSupplier lockingAvailable;

  /** {@code lockingAvailable}: false while the lock service is known to be down (no call is made). */
  public ReplicaFlight(ArtifactLocks locks, BooleanSupplier lockingAvailable) {
    this.locks = locks;
    this.lockingAvailable = lockingAvailable;
  }

  /**
   * @param stored looks the artifact up in storage (empty when absent)
   * @param fetch fetches and stores it
   * @param committed given what {@code fetch} produced, completes once the artifact is committed
   *     (for a zip still streaming: when its download ends); the lock is held until then
   */
  public <T> Single<T> run(ArtifactLockKey key, Supplier<Maybe<T>> stored, Supplier<Single<T>> fetch,
      Function<T, Completable> committed) {
    return round(key, stored, fetch, committed, 1);
  }

  private <T> Single<T> round(ArtifactLockKey key, Supplier<Maybe<T>> stored, Supplier<Single<T>> fetch,
      Function<T, Completable> committed, int round) {
    if (!lockingAvailable.getAsBoolean() || round > MAX_ROUNDS) {
      return fetch.get();
    }
    return locks.tryAcquire(key)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .onErrorResumeNext(err -> err instanceof MetadataUnavailableException
            ? Single.just(Optional.<ArtifactLease>of(NoLease.INSTANCE))
            : Single.error(err))
        .flatMap(lease -> {
          if (lease.isEmpty()) {
            return locks.awaitRelease(key)
                .onErrorResumeNext(err -> err instanceof MetadataUnavailableException
                    ? Completable.complete() : Completable.error(err))
                .andThen(stored.get().switchIfEmpty(Single.defer(
                    () -> round(key, stored, fetch, committed, round + 1))));
          }
          ArtifactLease held = lease.get();
          AtomicBoolean handedOver = new AtomicBoolean();
          return stored.get()
              .doOnSuccess(found -> release(held))
              .switchIfEmpty(Single.defer(() -> fetch.get()
                  .doOnSuccess(value -> {
                    handedOver.set(true);
                    committed.apply(value).onErrorComplete()
                        .doFinally(() -> {
                          warnIfLost(held);
                          release(held);
                        })
                        .subscribe();
                  })))
              .doOnError(err -> release(held))
              // cancelled before the fetch produced anything: nobody will commit, stop renewing
              .doOnDispose(() -> {
                if (!handedOver.get()) {
                  release(held);
                }
              });
        });
  }

  /**
   * Says so when the lease ran out before the artifact was committed (the shared store was
   * unreachable for longer than the lock's TTL): another replica may have fetched it too. What
   * this one stored is still right, since storage keeps the first copy of an artifact and ignores
   * identical later ones; the release that follows leaves the newer holder's lock alone.
   */
  private static void warnIfLost(ArtifactLease lease) {
    if (lease != NoLease.INSTANCE && !lease.held()) {
      LOG.warn("event=fetch_lease_lost key={} effect=\"another replica may have fetched it too\"", lease.key());
    }
  }

  private static void release(ArtifactLease lease) {
    lease.release().subscribe(() -> { }, err -> LOG.debug("event=lock_release_failed key={}", lease.key()));
  }

  /** Stands for "no lock service": fetch without holding anything. */
  private enum NoLease implements ArtifactLease {
    INSTANCE;

    @Override
    public ArtifactLockKey key() {
      return null;
    }

    @Override
    public boolean held() {
      return false;
    }

    @Override
    public Completable release() {
      return Completable.complete();
    }
  }
}
