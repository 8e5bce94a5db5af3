package io.goproxymirror.mirror.fetch;

import io.reactivex.rxjava3.core.Single;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
    return Single.defer(() -> {
      Single<T>[] created = new Single[1];
      Single<T> shared = inFlight.computeIfAbsent(key, k -> {
        Single<T> cached = work.get().doFinally(() -> inFlight.remove(k, created[0])).cache();
        created[0] = cached;
        return cached;
      });
      if (shared == created[0]) {
        shared.subscribe(v -> {}, e -> {});
      }
      return shared;
    });
  }
}
