package io.goproxymirror.gomod;

import java.util.Comparator;
import java.util.regex.Pattern;

/** Semantic versions as the go command reads them (PROTOCOL §2.3). */
public final class Semver {
  private static final String INCOMPATIBLE = "+incompatible";

  /**
   * Pseudo-version shapes: {@code vX.0.0-yyyymmddhhmmss-rev},
   * {@code vX.Y.Z-pre.0.yyyymmddhhmmss-rev} and {@code vX.Y.(Z+1)-0.yyyymmddhhmmss-rev}, each with
   * optional build metadata.
   */
  private static final Pattern PSEUDO = Pattern.compile(
      "v[0-9]+\\.(?:0\\.0-|[0-9]+\\.[0-9]+-(?:[^+]*\\.)?0\\.)[0-9]{14}-[A-Za-z0-9]+"
          + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  /** Semantic order, ties (equal precedence, e.g. different build metadata) broken by string. */
  public static final Comparator<String> ORDER =
      ((Comparator<String>) Semver::compare).thenComparing(Comparator.naturalOrder());

  private Semver() {}

  public static boolean isValid(String v) {
    return ParsedSemver.parse(v) != null;
  }

  /**
   * The canonical form {@code vX.Y.Z[-pre]}: shorthands expanded and build metadata dropped,
   * except that a build suffix of exactly {@code +incompatible} is kept. {@code ""} if invalid.
   */
  public static String canonical(String v) {
    ParsedSemver p = ParsedSemver.parse(v);
    if (p == null) {
      return "";
    }
    String base = v.substring(0, v.length() - p.build().length()) + p.shorthand();
    return p.build().equals(INCOMPATIBLE) ? base + INCOMPATIBLE : base;
  }

  public static boolean isCanonical(String v) {
    return v != null && !v.isEmpty() && v.equals(canonical(v));
  }

  /**
   * Compares by semantic-version precedence, ignoring build metadata. Invalid versions sort below
   * every valid one and equal to each other.
   */
  public static int compare(String a, String b) {
    ParsedSemver pa = ParsedSemver.parse(a);
    ParsedSemver pb = ParsedSemver.parse(b);
    if (pa == null || pb == null) {
      return pa == null ? (pb == null ? 0 : -1) : 1;
    }
    int c = compareNumbers(pa.major(), pb.major());
    if (c == 0) {
      c = compareNumbers(pa.minor(), pb.minor());
    }
    if (c == 0) {
      c = compareNumbers(pa.patch(), pb.patch());
    }
    return c != 0 ? c : comparePrereleases(pa.prerelease(), pb.prerelease());
  }

  /** {@code "v2"} for {@code v2.1.0}; {@code ""} if invalid. */
  public static String major(String v) {
    ParsedSemver p = ParsedSemver.parse(v);
    return p == null ? "" : "v" + p.major();
  }

  /** {@code "-rc.1"} for {@code v1.0.0-rc.1}; {@code ""} if none or invalid. */
  public static String prerelease(String v) {
    ParsedSemver p = ParsedSemver.parse(v);
    return p == null ? "" : p.prerelease();
  }

  /** {@code "+incompatible"} for {@code v2.0.0+incompatible}; {@code ""} if none or invalid. */
  public static String build(String v) {
    ParsedSemver p = ParsedSemver.parse(v);
    return p == null ? "" : p.build();
  }

  /** Whether {@code v} is a valid version in one of the pseudo-version forms (PROTOCOL §3.7). */
  public static boolean isPseudoVersion(String v) {
    return v != null
        && v.chars().filter(c -> c == '-').count() >= 2
        && isValid(v)
        && PSEUDO.matcher(v).matches();
  }

  private static int compareNumbers(String x, String y) {
    if (x.length() != y.length()) {
      return x.length() < y.length() ? -1 : 1;
    }
    return Integer.signum(x.compareTo(y));
  }

  /** Semver 2.0 pre-release precedence; both arguments include their leading {@code -}. */
  private static int comparePrereleases(String x, String y) {
    if (x.equals(y)) {
      return 0;
    }
    if (x.isEmpty() || y.isEmpty()) {
      return x.isEmpty() ? 1 : -1;
    }
    String[] xs = x.substring(1).split("\\.", -1);
    String[] ys = y.substring(1).split("\\.", -1);
    for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
      int c = compareIdentifiers(xs[i], ys[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(xs.length, ys.length);
  }

  private static int compareIdentifiers(String x, String y) {
    if (x.equals(y)) {
      return 0;
    }
    boolean xNumeric = ParsedSemver.isNumeric(x);
    boolean yNumeric = ParsedSemver.isNumeric(y);
    if (xNumeric != yNumeric) {
      return xNumeric ? -1 : 1;
    }
    if (xNumeric) {
      return compareNumbers(x, y);
    }
    return Integer.signum(x.compareTo(y));
  }
}
