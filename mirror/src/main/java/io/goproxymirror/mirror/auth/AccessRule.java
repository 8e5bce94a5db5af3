package io.goproxymirror.mirror.auth;

import io.goproxymirror.gomod.PathPatterns;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of {@code auth.rules}: modules matching {@code pattern} (GOPRIVATE-style globs, as
 * {@code private}) may be read by principals in one of {@code groups}.
 *
 * @param pattern the modules
 * @param groups who may read them, at least one group
 */
public record AccessRule(PathPatterns pattern, Set<String> groups) {
  private static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{N}._@/+-]{1,128}");

  public AccessRule {
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("pattern: must not be empty");
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("groups: must name at least one group");
    }
    groups = Set.copyOf(groups);
  }

  /**
   * The rule for a YAML entry {@code {pattern, groups}}.
   *
   * @throws IllegalArgumentException with a one-line reason naming the key at fault
   */
  public static AccessRule of(String pattern, List<String> groups) {
    PathPatterns patterns;
    try {
      patterns = PathPatterns.parse(pattern);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("pattern: " + e.getMessage(), e);
    }
    Set<String> set = new LinkedHashSet<>();
    for (int i = 0; i < groups.size(); i++) {
      String group = groups.get(i) == null ? "" : groups.get(i).strip();
      if (!GROUP.matcher(group).matches()) {
        throw new IllegalArgumentException("groups[" + i + "]: must be 1 to 128 letters, digits or . _ @ / + -");
      }
      set.add(group);
    }
    return new AccessRule(patterns, set);
  }

  /** Whether the rule covers {@code modulePath}. */
  public boolean matches(String modulePath) {
    return pattern.matches(modulePath);
  }
}
