package io.goproxymirror.mirror.rx;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Future;

/**
 * Adapts Vert.x futures to RxJava types. A Vert.x future is hot: the work behind it started when
 * it was made, and only the listener is attached at subscription. Wrap the call in {@code
 * Single.defer}/{@code Completable.defer} where the work itself must wait for subscription (as
 * {@code MirrorApp.stop} does for each of its steps).
 */
public final class RxFutures {
  private RxFutures() {}

  public static <T> Single<T> single(Future<T> future) {
    return Single.create(emitter -> future.onComplete(ar -> {
      if (ar.succeeded()) {
        emitter.onSuccess(ar.result());
      } else {
        emitter.tryOnError(ar.cause());
      }
    }));
  }

  public static Completable completable(Future<?> future) {
    return Completable.create(emitter -> future.onComplete(ar -> {
      if (ar.succeeded()) {
        emitter.onComplete();
      } else {
        emitter.tryOnError(ar.cause());
      }
    }));
  }
}
