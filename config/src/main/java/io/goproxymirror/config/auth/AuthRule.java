package io.goproxymirror.config.auth;

import io.goproxymirror.gomod.PathPatterns;
import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code auth.rules}: modules matching {@code pattern} may be read by principals in
 * one of {@code groups}.
 *
 * @param pattern GOPRIVATE-style module path globs, as {@code private}
 * @param groups the group names, at least one, in the order written
 */
public record AuthRule(PathPatterns pattern, List<String> groups) {
  public AuthRule {
    Objects.requireNonNull(pattern, "pattern");
    groups = List.copyOf(groups);
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("groups: must name at least one group");
    }
  }
}
