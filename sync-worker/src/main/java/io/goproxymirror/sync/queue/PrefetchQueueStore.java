package io.goproxymirror.sync.queue;

import io.goproxymirror.sync.port.ModuleVersion;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;

/**
 * Where {@link PrefetchQueue} keeps the versions it has not finished, one entry per version, so
 * that a restarted worker resumes them. The mirror implements it on Redis when Redis is
 * configured (a hash keyed by {@code path@version} holding {@link PendingPrefetch#toJson()} fits);
 * {@link InMemoryPrefetchQueueStore} serves the single-process case and tests.
 */
public interface PrefetchQueueStore {
  /** Adds the entry, or replaces the one of the same version (after a failed attempt). */
  Completable put(PendingPrefetch pending);

  /** Removes the entry of {@code version}; completes when there is none. */
  Completable remove(ModuleVersion version);

  /** Every entry, each version once, in no particular order. */
  Flowable<PendingPrefetch> loadAll();
}
