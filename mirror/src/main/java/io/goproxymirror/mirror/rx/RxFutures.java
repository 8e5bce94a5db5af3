package io.goproxymirror.mirror.rx;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Future;

/** Adapts Vert.x futures to cold RxJava types (the future is obtained at subscription time). */
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
