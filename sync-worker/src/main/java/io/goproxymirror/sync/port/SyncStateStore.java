package io.goproxymirror.sync.port;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;

/**
 * Small named values the worker keeps across restarts (the index cursor, for example), held in the
 * metadata store: Redis when configured, the embedded store otherwise. Implemented by the mirror;
 * {@link InMemorySyncStateStore} serves tests.
 */
public interface SyncStateStore {
  /** The value stored under {@code name}, empty when none. */
  Maybe<String> get(String name);

  /** Replaces the value under {@code name}. */
  Completable put(String name, String value);
}
