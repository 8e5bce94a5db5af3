package io.goproxymirror.sync.port;

import java.util.Objects;

/**
 * One module version the worker may prefetch, for example {@code github.com/spf13/cobra@v1.8.0}.
 * Both parts are as the go command writes them (unescaped); they are checked by whoever fetches.
 *
 * @param path the module path
 * @param version the version, canonical or a query the fetch pipeline resolves
 */
public record ModuleVersion(String path, String version) {
  public ModuleVersion {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    if (path.isBlank() || version.isBlank()) {
      throw new IllegalArgumentException("module path and version must not be blank");
    }
  }

  @Override
  public String toString() {
    return path + "@" + version;
  }
}
