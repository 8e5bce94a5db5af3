package io.goproxymirror.sync.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The index tailer's meters: {@code goproxy_mirror_sync_feed_lag_seconds} (now minus the cursor
 * time), {@code goproxy_mirror_sync_index_pages}, {@code goproxy_mirror_sync_index_entries} by
 * {@code result} ({@code new}, {@code duplicate}, {@code malformed}) and {@code
 * goproxy_mirror_sync_index_errors} by {@code reason}.
 */
final class IndexMetrics {
  private final MeterRegistry registry;
  private final Counter pages;
  private final Counter fresh;
  private final Counter duplicate;
  private final Counter malformed;

  IndexMetrics(MeterRegistry registry, Supplier<Double> lagSeconds) {
    this.registry = registry;
    Gauge.builder("goproxy_mirror_sync_feed_lag_seconds", lagSeconds::get)
        .description("Now minus the time of the index feed cursor; NaN before the cursor is loaded")
        .baseUnit("seconds")
        .register(registry);
    this.pages = Counter.builder("goproxy_mirror_sync_index_pages")
        .description("Index feed pages read")
        .register(registry);
    this.fresh = entries("new");
    this.duplicate = entries("duplicate");
    this.malformed = entries("malformed");
  }

  void page(IndexPage page, int freshEntries) {
    pages.increment();
    malformed.increment(page.malformedLines());
    duplicate.increment(page.entries().size() - freshEntries);
  }

  void handedOn(int entries) {
    fresh.increment(entries);
  }

  void error(String reason) {
    Counter.builder("goproxy_mirror_sync_index_errors")
        .description("Failed index feed polls, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  private Counter entries(String result) {
    return Counter.builder("goproxy_mirror_sync_index_entries")
        .description("Index feed entries read, by result")
        .tag("result", result)
        .register(registry);
  }
}
