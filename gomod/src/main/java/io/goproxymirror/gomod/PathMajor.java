package io.goproxymirror.gomod;

import java.util.Objects;

/**
 * A module path split into its prefix and its major-version suffix, so that
 * {@code prefix + pathMajor} is the whole path.
 *
 * @param prefix the path without the suffix
 * @param pathMajor {@code ""} (v0/v1), {@code "/vN"} with N &ge; 2, or for gopkg.in
 *     {@code ".vN"} optionally followed by {@code "-unstable"}
 */
public record PathMajor(String prefix, String pathMajor) {
  public PathMajor {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(pathMajor, "pathMajor");
  }
}
