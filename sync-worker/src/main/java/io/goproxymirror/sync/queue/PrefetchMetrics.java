package io.goproxymirror.sync.queue;

import io.goproxymirror.sync.port.PrefetchResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code goproxy_mirror_sync_prefetches} (exposed as {@code ..._total}) by {@code result}: stored,
 * already_stored, retried (a transient failure that will be retried) or failed (permanent, or out
 * of retries).
 */
final class PrefetchMetrics {
  private final Counter stored;
  private final Counter alreadyStored;
  private final Counter retried;
  private final Counter failed;

  PrefetchMetrics(MeterRegistry registry) {
    stored = counter(registry, "stored");
    alreadyStored = counter(registry, "already_stored");
    retried = counter(registry, "retried");
    failed = counter(registry, "failed");
  }

  private static Counter counter(MeterRegistry registry, String result) {
    return Counter.builder("goproxy_mirror_sync_prefetches")
        .description("Prefetch attempts of the sync worker's queue by result")
        .tag("result", result)
        .register(registry);
  }

  void ended(PrefetchResult result) {
    (result == PrefetchResult.STORED ? stored : alreadyStored).increment();
  }

  void retried() {
    retried.increment();
  }

  void failed() {
    failed.increment();
  }
}
