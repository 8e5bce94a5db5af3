package io.goproxymirror.config.sync;

import io.goproxymirror.gomod.Semver;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which versions of a watched module to prefetch: the {@code versions} and {@code prerelease} keys
 * of a watch-list entry.
 *
 * <p>A version is <em>admissible</em> when it is a valid semantic version and, unless {@code
 * prerelease} is true, has no pre-release part; pseudo-versions have one, so they are admissible
 * only with {@code prerelease: true}. {@code +incompatible} versions are releases. Then:
 *
 * <ul>
 *   <li>{@code all}: every admissible version;
 *   <li>a range such as {@code >= v1.2.0, < v2.0.0}: every admissible version in it;
 *   <li>{@code latest N} ({@code latest} is {@code latest 1}): the N highest admissible versions.
 * </ul>
 *
 * <p>Instances are immutable.
 */
public final class VersionPolicy {

  /** The kinds of policy. */
  public enum Kind {
    ALL,
    RANGE,
    LATEST
  }

  /** The largest N of {@code latest N}. */
  public static final int MAX_LATEST = 1000;

  private static final Pattern LATEST = Pattern.compile("latest(?:\\s+(\\S+))?");
  private static final String FORMS =
      "use all, latest, \"latest N\" or a range such as \">= v1.7.0\" or \">= v1.2.0, < v2.0.0\"";

  private final Kind kind;
  private final VersionRange range;
  private final int latest;
  private final boolean prerelease;

  private VersionPolicy(Kind kind, VersionRange range, int latest, boolean prerelease) {
    this.kind = kind;
    this.range = range;
    this.latest = latest;
    this.prerelease = prerelease;
  }

  /**
   * @param text {@code all}, {@code latest}, {@code latest N} (letters in any case) or a range
   * @param prerelease whether pre-releases and pseudo-versions may match
   * @throws IllegalArgumentException with a one-line reason
   */
  public static VersionPolicy parse(String text, boolean prerelease) {
    String s = text == null ? "" : text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("must not be empty (" + FORMS + ")");
    }
    if (s.equalsIgnoreCase("all")) {
      return new VersionPolicy(Kind.ALL, null, 0, prerelease);
    }
    Matcher latest = LATEST.matcher(s.toLowerCase(Locale.ROOT));
    if (latest.matches()) {
      return new VersionPolicy(Kind.LATEST, null, latestCount(latest.group(1), s), prerelease);
    }
    if (VersionRange.looksLikeRange(s)) {
      return new VersionPolicy(Kind.RANGE, VersionRange.parse(s), 0, prerelease);
    }
    throw new IllegalArgumentException("unknown version policy \"" + s + "\" (" + FORMS + ")");
  }

  private static int latestCount(String n, String text) {
    if (n == null) {
      return 1;
    }
    if (!n.matches("\\d{1,9}") || Integer.parseInt(n) < 1 || Integer.parseInt(n) > MAX_LATEST) {
      throw new IllegalArgumentException(
          "\"" + text + "\": N of \"latest N\" must be a whole number from 1 to " + MAX_LATEST);
    }
    return Integer.parseInt(n);
  }

  public Kind kind() {
    return kind;
  }

  /** N of {@code latest N}; 0 for other kinds. */
  public int latestCount() {
    return latest;
  }

  /** Whether pre-releases and pseudo-versions may match. */
  public boolean prerelease() {
    return prerelease;
  }

  /**
   * Whether {@code version} is to be prefetched.
   *
   * @param knownVersions the other versions known of the module (a listing, or what the index feed
   *     has shown); only {@code latest N} reads it: the version is admitted when fewer than N
   *     distinct admissible known versions are higher. It may contain {@code version} itself.
   */
  public boolean admits(String version, Collection<String> knownVersions) {
    if (!admissible(version)) {
      return false;
    }
    return switch (kind) {
      case ALL -> true;
      case RANGE -> range.contains(version);
      case LATEST -> knownVersions.stream()
              .distinct()
              .filter(v -> admissible(v) && Semver.compare(v, version) > 0)
              .limit(latest)
              .count()
          < latest;
    };
  }

  /**
   * The versions of a full listing to prefetch: every admissible one in the policy, or the N
   * highest admissible ones; distinct, in ascending {@link Semver#ORDER}.
   */
  public List<String> select(Collection<String> versions) {
    List<String> admitted =
        versions.stream()
            .distinct()
            .filter(v -> admissible(v) && (kind != Kind.RANGE || range.contains(v)))
            .sorted(Semver.ORDER)
            .toList();
    if (kind != Kind.LATEST) {
      return admitted;
    }
    int from = admitted.size();
    while (from > 0 && admitted.size() - from < latest) {
      String top = admitted.get(from - 1);
      while (from > 0 && Semver.compare(admitted.get(from - 1), top) == 0) {
        from--;
      }
    }
    return admitted.subList(from, admitted.size());
  }

  private boolean admissible(String version) {
    return Semver.isValid(version) && (prerelease || Semver.prerelease(version).isEmpty());
  }

  /** The policy as it could be written: {@code all}, {@code latest 3} or the range. */
  @Override
  public String toString() {
    String text = switch (kind) {
      case ALL -> "all";
      case RANGE -> range.toString();
      case LATEST -> "latest " + latest;
    };
    return prerelease ? text + " (with pre-releases)" : text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionPolicy other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return Objects.hash(toString());
  }
}
