package io.goproxymirror.sync.watch;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of the watch-list file, for {@code GET /admin/sync}.
 *
 * @param file the watch-list file
 * @param entries the entries of the list in use
 * @param lastLoaded when the list in use was loaded
 * @param lastError why the newest version of the file could not be used (it was unreadable,
 *     missing or invalid); empty once a valid version is loaded
 * @param lastErrorAt when {@code lastError} was found
 */
public record WatchListStatus(
    Path file, int entries, Instant lastLoaded, Optional<String> lastError, Optional<Instant> lastErrorAt) {

  public WatchListStatus {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(lastLoaded, "lastLoaded");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(lastErrorAt, "lastErrorAt");
  }

  /**
   * {@code {"path": ..., "entries": 3, "lastLoaded": "2026-11-21T10:00:00Z", "lastError": null,
   * "lastErrorAt": null}}, times in ISO-8601.
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("path", file.toString())
        .put("entries", entries)
        .put("lastLoaded", lastLoaded.toString())
        .put("lastError", lastError.orElse(null))
        .put("lastErrorAt", lastErrorAt.map(Instant::toString).orElse(null));
  }
}
