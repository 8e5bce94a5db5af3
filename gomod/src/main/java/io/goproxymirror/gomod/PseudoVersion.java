package io.goproxymirror.gomod;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Building and taking apart pseudo-versions (PROTOCOL §3.7): {@code vX.0.0-ts-rev} without a base,
 * {@code vX.Y.(Z+1)-0.ts-rev} after a release and {@code vX.Y.Z-pre.0.ts-rev} after a pre-release,
 * each optionally followed by build metadata ({@code +incompatible}). The accessors throw
 * {@link IllegalArgumentException} with a reason in the go command's words when the version is
 * not a well-formed pseudo-version.
 */
public final class PseudoVersion {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

  private PseudoVersion() {}

  /**
   * The pseudo-version for a commit at {@code time} with 12-character hash prefix {@code rev}.
   *
   * @param major the path's major ({@code "v2"}), or {@code ""} for v0
   * @param base the base version ({@code ""} for none); its build metadata is carried over
   */
  public static String of(String major, String base, Instant time, String rev) {
    String segment = timestamp(time) + "-" + rev;
    String build = Semver.build(base);
    String older = TagVersion.semverCanonical(base);
    if (older.isEmpty()) {
      return (major.isEmpty() ? "v0" : major) + ".0.0-" + segment;
    }
    if (!Semver.prerelease(older).isEmpty()) {
      return older + ".0." + segment + build;
    }
    int dot = older.lastIndexOf('.') + 1;
    return older.substring(0, dot) + increment(older.substring(dot)) + "-0." + segment + build;
  }

  /** {@code yyyymmddhhmmss} of {@code time} in UTC. */
  public static String timestamp(Instant time) {
    return TIMESTAMP.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
  }

  /** The revision (hash prefix) at the end of the pseudo-version. */
  public static String rev(String v) {
    return parse(v).rev();
  }

  /** The commit time encoded in the pseudo-version. */
  public static Instant time(String v) {
    String ts = parse(v).timestamp();
    try {
      return LocalDateTime.parse(ts, TIMESTAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("malformed time \"" + ts + "\"");
    }
  }

  /**
   * The version the pseudo-version claims to follow ({@code v1.2.3}, {@code v1.2.3-pre}, with any
   * build metadata re-attached), or {@code ""} for the no-base form.
   */
  public static String base(String v) {
    Parts parts = parse(v);
    String base = parts.base();
    String pre = Semver.prerelease(base);
    if (pre.isEmpty()) {
      if (!parts.build().isEmpty()) {
        throw new IllegalArgumentException(
            "lacks base version, but has build metadata \"" + parts.build() + "\"");
      }
      return "";
    }
    if (pre.equals("-0")) {
      String release = base.substring(0, base.length() - pre.length());
      int dot = release.lastIndexOf('.');
      String patch = decrement(release.substring(dot + 1));
      if (patch.isEmpty()) {
        throw new IllegalArgumentException(
            "version before " + release + " would have negative patch number");
      }
      return release.substring(0, dot + 1) + patch + parts.build();
    }
    return base.substring(0, base.length() - ".0".length()) + parts.build();
  }

  private static Parts parse(String v) {
    if (!Semver.isPseudoVersion(v)) {
      throw new IllegalArgumentException("syntax error");
    }
    String build = Semver.build(v);
    String rest = v.substring(0, v.length() - build.length());
    int revDash = rest.lastIndexOf('-');
    String rev = rest.substring(revDash + 1);
    rest = rest.substring(0, revDash);
    int dash = rest.lastIndexOf('-');
    int dot = rest.lastIndexOf('.');
    if (dot > dash) {
      return new Parts(rest.substring(0, dot), rest.substring(dot + 1), rev, build);
    }
    return new Parts(rest.substring(0, dash), rest.substring(dash + 1), rev, build);
  }

  /** Decimal-string increment: {@code "9"} → {@code "10"}. */
  static String increment(String decimal) {
    char[] digits = decimal.toCharArray();
    int i = digits.length - 1;
    while (i >= 0 && digits[i] == '9') {
      digits[i--] = '0';
    }
    if (i >= 0) {
      digits[i]++;
      return new String(digits);
    }
    return "1" + new String(digits);
  }

  /** Decimal-string decrement: {@code "10"} → {@code "9"}; {@code ""} for zero. */
  static String decrement(String decimal) {
    char[] digits = decimal.toCharArray();
    int i = digits.length - 1;
    while (i >= 0 && digits[i] == '0') {
      digits[i--] = '9';
    }
    if (i < 0) {
      return "";
    }
    if (i == 0 && digits[0] == '1' && digits.length > 1) {
      return new String(digits, 1, digits.length - 1);
    }
    digits[i]--;
    return new String(digits);
  }

  /** The pieces of {@code base-timestamp-rev+build} ({@code base} ends in ".0" or "-0" when set). */
  private record Parts(String base, String timestamp, String rev, String build) {}
}
