package io.goproxymirror.sync.feed;

import io.goproxymirror.sync.port.ModuleVersion;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the index feed: a module version and when the index first saw it.
 *
 * @param module the module path and version
 * @param timestamp the {@code Timestamp} exactly as the feed wrote it (kept for the next {@code
 *     since}, whatever its offset or precision)
 * @param time the same instant, parsed, for ordering and comparison
 */
public record IndexEntry(ModuleVersion module, String timestamp, Instant time) {
  public IndexEntry {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(time, "time");
  }
}
