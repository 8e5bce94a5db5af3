package io.goproxymirror.sync.feed;

import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.port.SyncStateStore;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where the tailer is in the index feed: the exact last {@code Timestamp} handed on (sent as the
 * next {@code since}, which the feed treats as inclusive) and the module versions already handed
 * on at that instant, so entries that share a timestamp across a page boundary are neither skipped
 * nor handed on twice.
 *
 * @param timestamp the last timestamp as the feed wrote it
 * @param time the same instant, parsed
 * @param seen the module versions handed on whose time equals {@code time}
 */
public record IndexCursor(String timestamp, Instant time, Set<ModuleVersion> seen) {

  /** The entries of a page not handed on yet, and the cursor once they are. */
  public record Advance(List<IndexEntry> fresh, IndexCursor next) {
    public Advance {
      fresh = List.copyOf(fresh);
    }
  }

  public IndexCursor {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(time, "time");
    seen = Set.copyOf(seen);
  }

  /** A cursor at {@code time} with nothing seen, written as RFC 3339 in UTC. */
  public static IndexCursor at(Instant time) {
    return new IndexCursor(time.toString(), time, Set.of());
  }

  /**
   * Splits a page (in feed order) into what is new and the cursor after it. Entries older than the
   * cursor, or at its instant and already seen, or repeated within the page, are left out.
   */
  public Advance advance(List<IndexEntry> page) {
    List<IndexEntry> fresh = new ArrayList<>();
    String lastTimestamp = timestamp;
    Instant lastTime = time;
    Set<ModuleVersion> lastSeen = new HashSet<>(seen);
    for (IndexEntry entry : page) {
      int order = entry.time().compareTo(lastTime);
      if (order < 0 || order == 0 && lastSeen.contains(entry.module())) {
        continue;
      }
      if (order > 0) {
        lastTime = entry.time();
        lastTimestamp = entry.timestamp();
        lastSeen.clear();
      }
      lastSeen.add(entry.module());
      fresh.add(entry);
    }
    return new Advance(fresh, new IndexCursor(lastTimestamp, lastTime, lastSeen));
  }

  /** The cursor as JSON, for a {@link SyncStateStore}; versions sorted, so equal cursors match. */
  public String toJson() {
    JsonArray versions = new JsonArray();
    seen.stream()
        .sorted(Comparator.comparing(ModuleVersion::path).thenComparing(ModuleVersion::version))
        .forEach(v -> versions.add(new JsonObject().put("path", v.path()).put("version", v.version())));
    return new JsonObject().put("timestamp", timestamp).put("seen", versions).encode();
  }

  /**
   * @throws IllegalArgumentException when {@code json} is not a cursor written by {@link #toJson()}
   */
  public static IndexCursor fromJson(String json) {
    try {
      JsonObject object = new JsonObject(json);
      String timestamp = object.getString("timestamp");
      Instant time = OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      Set<ModuleVersion> seen = new HashSet<>();
      for (Object item : object.getJsonArray("seen", new JsonArray())) {
        JsonObject v = (JsonObject) item;
        seen.add(new ModuleVersion(v.getString("path"), v.getString("version")));
      }
      return new IndexCursor(timestamp, time, seen);
    } catch (DecodeException | ClassCastException | NullPointerException | DateTimeParseException e) {
      throw new IllegalArgumentException("not an index cursor: " + e.getMessage(), e);
    }
  }
}
