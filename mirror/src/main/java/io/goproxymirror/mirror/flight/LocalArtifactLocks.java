package io.goproxymirror.mirror.flight;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

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

  /** A lease that holds nothing outside this object. */
  private static final class LocalLease implements ArtifactLease {
    private final ArtifactLockKey key;
    private final AtomicBoolean held = new AtomicBoolean(true);

    LocalLease(ArtifactLockKey key) {
      this.key = key;
    }

    @Override
    public ArtifactLockKey key() {
      return key;
    }

    @Override
    public boolean held() {
      return held.get();
    }

    @Override
    public Completable release() {
      return Completable.fromAction(() -> held.set(false));
    }
  }
}
