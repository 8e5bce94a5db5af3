package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.Semver;
import io.goproxymirror.mirror.protocol.ModuleLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Whether a version may carry {@code +incompatible} at one commit (PROTOCOL §3.5): only for a
 * root module without major suffix, only without a root go.mod, and, unless the query itself
 * asked for {@code +incompatible}, only without a {@code vN/go.mod} for the version's major.
 */
final class IncompatibleCheck {
  private final GitCode code;
  private final ModuleLocation location;
  private final ObjectId commit;
  private final boolean requested;
  private final Map<String, Boolean> noGoMod = new HashMap<>();

  /**
   * @param query the version string the caller asked for ({@code ""} for none)
   */
  IncompatibleCheck(GitCode code, ModuleLocation location, ObjectId commit, String query) {
    this.code = code;
    this.location = location;
    this.commit = commit;
    this.requested = query.endsWith("+incompatible");
  }

  /** Whether {@code v} (a version or {@code ""}) may be used as {@code +incompatible}. */
  boolean allows(String v) {
    if (!location.codeDir().isEmpty() || !location.pathMajor().isEmpty()) {
      return false;
    }
    if (!lacks("go.mod")) {
      return false;
    }
    return v.isEmpty() || requested || lacks(Semver.major(v) + "/go.mod");
  }

  private boolean lacks(String file) {
    return noGoMod.computeIfAbsent(file, f -> {
      try {
        return code.readFile(commit, f).isEmpty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
