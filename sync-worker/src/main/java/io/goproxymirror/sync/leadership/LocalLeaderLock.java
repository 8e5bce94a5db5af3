package io.goproxymirror.sync.leadership;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;

/** The leader lock without shared metadata: the only worker always leads. */
public final class LocalLeaderLock implements LeaderLock {
  @Override
  public Single<Boolean> hold() {
    return Single.just(true);
  }

  @Override
  public Completable release() {
    return Completable.complete();
  }
}
