package io.goproxymirror.mirror.flight;

import io.goproxymirror.mirror.store.ArtifactKind;
import java.util.Objects;

/**
 * Names the artifact an {@link ArtifactLocks} lock is for: one of the three immutable files of a
 * module version. The module and version are as the go command writes them (not case-escaped).
 *
 * @param module the module path, such as {@code github.com/a/b}
 * @param version the canonical version, such as {@code v1.2.3}
 * @param kind which artifact
 */
public record ArtifactLockKey(String module, String version, ArtifactKind kind) {

  /** @throws NullPointerException when a part is null */
  public ArtifactLockKey {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
  }

  /** {@code module@version.ext}, for log lines and error messages. */
  @Override
  public String toString() {
    return module + "@" + version + "." + kind.extension();
  }
}
