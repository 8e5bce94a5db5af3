package io.goproxymirror.sync.testing;

import io.goproxymirror.config.sync.SyncQueueConfig;
import io.goproxymirror.sync.port.Prefetcher;
import io.goproxymirror.sync.queue.InMemoryPrefetchQueueStore;
import io.goproxymirror.sync.queue.PrefetchQueue;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;

/** Prefetch queues for tests: in memory, two workers, quick retries. */
public final class TestQueues {
  private TestQueues() {}

  /** A queue of at most {@code max} versions that prefetches with {@code prefetcher}; not started. */
  public static PrefetchQueue inMemory(Vertx vertx, int max, Prefetcher prefetcher, MeterRegistry registry) {
    return new PrefetchQueue(vertx, new SyncQueueConfig(max, 2, 0, Duration.ofMillis(10), Duration.ofMillis(10)),
        prefetcher, new InMemoryPrefetchQueueStore(), registry);
  }
}
