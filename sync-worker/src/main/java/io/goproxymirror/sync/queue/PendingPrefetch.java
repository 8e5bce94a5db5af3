package io.goproxymirror.sync.queue;

import io.goproxymirror.sync.port.ModuleVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A queued version as {@link PrefetchQueueStore} keeps it, so that the queue survives a restart.
 *
 * @param version the module version, the key of the entry
 * @param depth see {@link PrefetchRequest#depth()}
 * @param jobIds see {@link PrefetchRequest#jobIds()}
 * @param attempts prefetch attempts made so far (0 before the first)
 * @param nextAttemptAt when the next attempt may start; a time in the past means at once
 */
public record PendingPrefetch(
    ModuleVersion version, int depth, Set<String> jobIds, int attempts, Instant nextAttemptAt) {
  public PendingPrefetch {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    jobIds = Set.copyOf(jobIds);
  }

  /** The JSON form, for stores that keep text: {@code {"path","version","depth",...}}. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("path", version.path())
        .put("version", version.version())
        .put("depth", depth)
        .put("jobIds", new JsonArray(jobIds.stream().sorted().toList()))
        .put("attempts", attempts)
        .put("nextAttemptAt", nextAttemptAt.toEpochMilli());
  }

  /**
   * Reads {@link #toJson()}'s form.
   *
   * @throws IllegalArgumentException when a field is missing or of the wrong type
   */
  public static PendingPrefetch fromJson(JsonObject json) {
    try {
      Set<String> jobs = new LinkedHashSet<>();
      JsonArray ids = json.getJsonArray("jobIds", new JsonArray());
      for (int i = 0; i < ids.size(); i++) {
        jobs.add(ids.getString(i));
      }
      return new PendingPrefetch(
          new ModuleVersion(json.getString("path"), json.getString("version")),
          json.getInteger("depth", 0),
          jobs,
          json.getInteger("attempts", 0),
          Instant.ofEpochMilli(json.getLong("nextAttemptAt", 0L)));
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("not a pending prefetch: " + json.encode(), e);
    }
  }
}
