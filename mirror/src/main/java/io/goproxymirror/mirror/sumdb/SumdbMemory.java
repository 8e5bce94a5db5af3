package io.goproxymirror.mirror.sumdb;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process sumdb answers, bounded by their total size: tiles, lookups and partial tiles with
 * the time they were fetched (whether one is still fresh is the caller's rule), and the last good
 * {@code latest} of each database, which is never served fresh, only when the database fails.
 */
final class SumdbMemory {
  /** A cached body and when it was fetched. */
  record Entry(byte[] body, long fetchedMillis) {}

  private final Cache<String, Entry> entries;
  private final Map<String, byte[]> latest = new ConcurrentHashMap<>();
  private final Clock clock;

  SumdbMemory(long maxBytes, Clock clock) {
    this.clock = clock;
    this.entries = Caffeine.newBuilder()
        .maximumWeight(Math.max(1, maxBytes))
        .<String, Entry>weigher((key, entry) -> key.length() + entry.body().length + 64)
        .build();
  }

  Optional<Entry> get(String key) {
    return Optional.ofNullable(entries.getIfPresent(key));
  }

  void put(String key, byte[] body) {
    entries.put(key, new Entry(body, clock.millis()));
  }

  boolean fresh(Entry entry, Duration ttl) {
    return clock.millis() - entry.fetchedMillis() < ttl.toMillis();
  }

  Optional<byte[]> lastLatest(String database) {
    return Optional.ofNullable(latest.get(database));
  }

  void putLatest(String database, byte[] body) {
    latest.put(database, body);
  }
}
