package io.goproxymirror.sync.queue;

import io.goproxymirror.sync.port.ModuleVersion;
import java.util.Objects;
import java.util.Set;

/**
 * A version to prefetch, with where it came from.
 *
 * @param version the module version
 * @param depth how many requirement levels separate it from a version that was asked for: 0 for
 *     the index feed, the watch list, a client miss or a warmed project file; expansion follows
 *     requirements while {@code depth < sync.expansion.depth}
 * @param jobIds the warm jobs that want to learn when it ends, empty for none
 */
public record PrefetchRequest(ModuleVersion version, int depth, Set<String> jobIds) {
  public PrefetchRequest {
    Objects.requireNonNull(version, "version");
    if (depth < 0) {
      throw new IllegalArgumentException("depth must not be negative, got " + depth);
    }
    jobIds = Set.copyOf(jobIds);
  }

  /** A version asked for directly (depth 0), by no job. */
  public static PrefetchRequest of(ModuleVersion version) {
    return new PrefetchRequest(version, 0, Set.of());
  }
}
