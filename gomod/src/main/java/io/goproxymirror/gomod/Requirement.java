package io.goproxymirror.gomod;

import java.util.Objects;

/**
 * One {@code require} of a go.mod: a module path and version as written there (unquoted), checked
 * only to be non-blank.
 *
 * @param path the module path
 * @param version the version
 */
public record Requirement(String path, String version) {
  public Requirement {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    if (path.isBlank() || version.isBlank()) {
      throw new IllegalArgumentException("module path and version must not be blank");
    }
  }
}
