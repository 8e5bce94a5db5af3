package io.goproxymirror.sync.feed;

import io.goproxymirror.sync.port.InMemorySyncStateStore;
import io.goproxymirror.sync.port.SyncStateStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import java.util.List;

/** An in-memory {@link SyncStateStore} that remembers every value written, in order. */
final class RecordingStateStore implements SyncStateStore {
  private final InMemorySyncStateStore values = new InMemorySyncStateStore();
  private final List<String> events;

  /** @param events where {@code put:<name>:<value>} is appended after each write */
  RecordingStateStore(List<String> events) {
    this.events = events;
  }

  @Override
  public Maybe<String> get(String name) {
    return values.get(name);
  }

  @Override
  public Completable put(String name, String value) {
    return values.put(name, value).doOnComplete(() -> {
      synchronized (events) {
        events.add("put:" + name + ":" + value);
      }
    });
  }
}
