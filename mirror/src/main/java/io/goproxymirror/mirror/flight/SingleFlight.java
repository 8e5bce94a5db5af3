package io.goproxymirror.mirror.flight;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * In-process single-flight: concurrent callers with the same key share one execution of the work.
 * The work is started eagerly and runs to its end even if every caller goes away (a client that
 * disconnects never cancels a fetch others may wait for); the entry is removed when it finishes,
 * so later callers start afresh (and normally find the result in storage).
 */
public final class SingleFlight<T> {
  private final ConcurrentMap<String, Single<T>> inFlight = new ConcurrentHashMap<>();

  /** Joins the running execution for {@code key}, or starts {@code work} if there is none. */
  public Single<T> run(String key, Supplier<Single<T>> work) {
    return run(key, work, value -> Completable.complete());
  }

  /**
   * Like {@link #run(String, Supplier)}, but a successful execution stays joinable until {@code
   * holdUntil} of its value completes: for work whose value arrives early and finishes later (a
   * download that can be streamed while it runs).
   */
  public Single<T> run(String key, Supplier<Single<T>> work, Function<T, Completable> holdUntil) {
    return Single.defer(() -> {
      Single<T>[] created = new Single[1];
      Single<T> shared = inFlight.computeIfAbsent(key, k -> {
        created[0] = work.get().cache();
        return created[0];
      });
      if (shared == created[0]) {
        Runnable release = () -> inFlight.remove(key, shared);
        shared.subscribe(
            value -> holdUntil.apply(value).subscribe(release::run, err -> release.run()),
            err -> release.run());
      }
      return shared;
    });
  }
}
