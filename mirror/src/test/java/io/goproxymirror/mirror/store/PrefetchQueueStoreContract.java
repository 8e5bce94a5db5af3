package io.goproxymirror.mirror.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.queue.PendingPrefetch;
import io.goproxymirror.sync.queue.PrefetchQueueStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every store of the sync worker's unfinished prefetches must do; one subclass per store. */
public abstract class PrefetchQueueStoreContract {
  private static final ModuleVersion A = new ModuleVersion("example.com/a", "v1.0.0");
  private static final ModuleVersion A_V2 = new ModuleVersion("example.com/a/v2", "v2.0.0");

  /** A new, empty store. */
  protected abstract PrefetchQueueStore store();

  /** The same store as the last {@link #store()}, opened again (as after a restart). */
  protected abstract PrefetchQueueStore reopen();

  @Test
  @DisplayName("keeps entries across a reopen, one per version, the last put winning")
  void roundTrip() {
    PrefetchQueueStore store = store();
    store.put(new PendingPrefetch(A, 0, Set.of("job1"), 0, Instant.EPOCH)).blockingAwait();
    store.put(new PendingPrefetch(A_V2, 2, Set.of(), 0, Instant.EPOCH)).blockingAwait();
    PendingPrefetch retried = new PendingPrefetch(A, 0, Set.of("job1", "job2"), 3, Instant.parse("2026-01-01T00:00:00Z"));
    store.put(retried).blockingAwait();

    List<PendingPrefetch> loaded = reopen().loadAll().toList().blockingGet();

    assertThat(loaded).containsExactlyInAnyOrder(retried, new PendingPrefetch(A_V2, 2, Set.of(), 0, Instant.EPOCH));
  }

  @Test
  @DisplayName("removes an entry, and removing a missing one completes")
  void remove() {
    PrefetchQueueStore store = store();
    store.put(new PendingPrefetch(A, 0, Set.of(), 0, Instant.EPOCH)).blockingAwait();
    store.remove(A).blockingAwait();
    store.remove(A_V2).blockingAwait();

    assertThat(reopen().loadAll().toList().blockingGet()).isEmpty();
  }
}
