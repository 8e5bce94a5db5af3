package io.goproxymirror.gomod;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A GOPRIVATE / GONOPROXY / GONOSUMDB style list of module path globs, with the semantics of
 * golang.org/x/mod {@code module.MatchPrefixPatterns}: the list is comma-separated, one trailing
 * {@code /} of an entry is dropped, empty entries are skipped, and a glob with N slashes matches a
 * path whose first N+1 elements match it in {@code path.Match} syntax (so {@code corp.example.com}
 * matches {@code corp.example.com/x/y}, and {@code *.corp.example.com} any path on such a host).
 *
 * <p>Deliberate differences from x/mod, all for hand-written configuration (the {@code private}
 * key): blanks around an entry are trimmed (x/mod keeps them, so such an entry could never match a
 * valid module path), and a malformed glob is rejected by {@link #parse} instead of being silently
 * ignored. Malformed means what {@code path.Match} reports as a bad pattern, and also white space
 * inside a glob and a reversed range such as {@code [z-a]}, which Go accepts but which can never
 * match a module path.
 *
 * <p>Instances are immutable; {@link #equals} compares the globs as matched ({@link #toString}).
 */
public final class PathPatterns {
  private static final PathPatterns NONE = new PathPatterns(List.of());

  private final List<PathGlob> globs;

  private PathPatterns(List<PathGlob> globs) {
    this.globs = globs;
  }

  /**
   * Parses a comma-separated glob list; {@code null} or blank gives the empty list.
   *
   * @throws IllegalArgumentException with a one-line reason if a glob is malformed
   */
  public static PathPatterns parse(String list) {
    if (list == null || list.isBlank()) {
      return NONE;
    }
    List<PathGlob> globs = new ArrayList<>();
    for (String entry : list.split(",", -1)) {
      String glob = entry.strip();
      if (glob.endsWith("/")) {
        glob = glob.substring(0, glob.length() - 1);
      }
      if (!glob.isEmpty()) {
        globs.add(PathGlob.compile(glob));
      }
    }
    return globs.isEmpty() ? NONE : new PathPatterns(List.copyOf(globs));
  }

  /** The empty list, which matches nothing. */
  public static PathPatterns none() {
    return NONE;
  }

  /** Whether some glob matches the leading path elements of {@code modulePath}. */
  public boolean matches(String modulePath) {
    for (PathGlob glob : globs) {
      String prefix = leadingElements(modulePath, glob.slashes() + 1);
      if (prefix != null && glob.matches(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the list has no globs. */
  public boolean isEmpty() {
    return globs.isEmpty();
  }

  /** The globs, comma-separated, as they are matched (trimmed, without a trailing slash). */
  @Override
  public String toString() {
    return globs.stream().map(PathGlob::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathPatterns other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /** The first {@code n} slash-separated elements of {@code path}, or null if it has fewer. */
  private static String leadingElements(String path, int n) {
    int seen = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/' && ++seen == n) {
        return path.substring(0, i);
      }
    }
    return seen == n - 1 ? path : null;
  }
}
