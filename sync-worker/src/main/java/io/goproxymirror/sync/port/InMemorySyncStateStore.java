package io.goproxymirror.sync.port;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link SyncStateStore} in process memory: lost on restart. */
public final class InMemorySyncStateStore implements SyncStateStore {
  private final ConcurrentMap<String, String> values = new ConcurrentHashMap<>();

  @Override
  public Maybe<String> get(String name) {
    return Maybe.fromCallable(() -> values.get(name));
  }

  @Override
  public Completable put(String name, String value) {
    return Completable.fromAction(() -> values.put(name, value));
  }
}
