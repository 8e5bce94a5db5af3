package io.goproxymirror.sync.queue;

import io.goproxymirror.sync.port.ModuleVersion;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link PrefetchQueueStore} in process memory: it outlives a queue, not the process. */
public final class InMemoryPrefetchQueueStore implements PrefetchQueueStore {
  private final ConcurrentMap<ModuleVersion, PendingPrefetch> entries = new ConcurrentHashMap<>();

  @Override
  public Completable put(PendingPrefetch pending) {
    return Completable.fromAction(() -> entries.put(pending.version(), pending));
  }

  @Override
  public Completable remove(ModuleVersion version) {
    return Completable.fromAction(() -> entries.remove(version));
  }

  @Override
  public Flowable<PendingPrefetch> loadAll() {
    return Flowable.defer(() -> Flowable.fromIterable(List.copyOf(entries.values())));
  }
}
