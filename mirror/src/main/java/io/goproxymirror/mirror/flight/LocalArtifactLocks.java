package io.goproxymirror.mirror.flight;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;

/**
 * The locks of a single mirror process (embedded metadata store): every request is granted at
 * once, since the in-process {@link SingleFlight} already lets only one caller per artifact fetch
 * it and no other replica shares the storage. Never fails, not even after {@link #close()}.
 */
public final class LocalArtifactLocks implements ArtifactLocks {

  @Override
  public Maybe<ArtifactLease> tryAcquire(ArtifactLockKey key) {
    return Maybe.fromSupplier(() -> new LocalLease(Objects.requireNonNull(key, "key")));
  }

  @Override
  public Completable awaitRelease(ArtifactLockKey key) {
    return Completable.fromAction(() -> Objects.requireNonNull(key, "key"));
  }

  @Override
  public Single<ArtifactLease> acquire(ArtifactLockKey key) {
    return tryAcquire(key).toSingle();
  }

  @Override
  public Completable close() {
    return Completable.complete();
  }

  /** A lease that holds nothing outside this object: never renewed, nothing to give up. */
  private static final class LocalLease extends HeldLease {

    LocalLease(ArtifactLockKey key) {
      super(key, ended -> { });
    }

    @Override
    protected Completable giveUp() {
      return Completable.complete();
    }
  }
}
