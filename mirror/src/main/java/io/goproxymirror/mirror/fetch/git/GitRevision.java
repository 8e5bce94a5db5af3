package io.goproxymirror.mirror.fetch.git;

import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A revision resolved in the repository, as the go command's Git layer describes it.
 *
 * @param commit the commit
 * @param time the committer time, whole seconds
 * @param tags every tag pointing at the commit (after peeling), in name order
 * @param ref the ref the revision was found through ({@code refs/tags/v1.0.0},
 *     {@code refs/heads/main}, {@code HEAD}), or {@code ""} for a hash not at a ref tip
 * @param version the revision string when it names one of {@code tags}, else the full hash
 */
record GitRevision(ObjectId commit, Instant time, List<String> tags, String ref, String version) {
  GitRevision {
    tags = List.copyOf(tags);
  }

  /** The full lower-case hex hash. */
  String name() {
    return commit.name();
  }

  /** The 12-character hash prefix used in pseudo-versions. */
  String shortName() {
    return commit.name().substring(0, 12);
  }
}
