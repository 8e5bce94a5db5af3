package io.goproxymirror.mirror.fetch;

import java.util.regex.Pattern;

/**
 * Text from outside (an upstream's error body, a remote's message) made fit for a log line: one
 * line of printable ASCII, bounded, with anything that looks like a secret replaced by {@code ***}
 * (URL user information, Authorization values, {@code key=value} pairs whose key names a password,
 * token, secret or key, well-known token formats, and long opaque strings).
 */
public final class RedactedText {
  /** A URL's user information: group 1 is the scheme and {@code ://}, the match ends with {@code @}. */
  public static final Pattern USERINFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@");

  private static final Pattern AUTH_SCHEME =
      Pattern.compile("(?i)\\b(basic|bearer|digest|token|negotiate)(\\s+)[A-Za-z0-9._~+/=:-]{6,}");
  private static final Pattern SECRET_PAIR = Pattern.compile(
      "(?i)([\\w.-]*(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential"
          + "|session|signature|auth(?:orization)?)[\\w.-]*)(['\"]?\\s*[:=]\\s*['\"]?)([^\\s'\"&,;]+)");
  private static final Pattern KNOWN_TOKEN = Pattern.compile(
      "\\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_\\w{16,}|glpat-[\\w-]{16,}|xox[abprs]-[\\w-]{10,}"
          + "|A[KS]IA[0-9A-Z]{16}|eyJ[\\w-]*\\.[\\w-]+\\.[\\w-]*|sk-[\\w-]{16,})");
  private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9+/_-]{32,}={0,2}");
  private static final Pattern LETTER = Pattern.compile("[A-Za-z]");
  private static final Pattern DIGIT = Pattern.compile("[0-9]");

  private RedactedText() {}

  /** {@code text} with secrets replaced by {@code ***}; null becomes "". */
  public static String of(String text) {
    if (text == null) {
      return "";
    }
    String out = USERINFO.matcher(text).replaceAll("$1***@");
    out = AUTH_SCHEME.matcher(out).replaceAll("$1$2***");
    out = SECRET_PAIR.matcher(out).replaceAll("$1$2***");
    out = KNOWN_TOKEN.matcher(out).replaceAll("***");
    return OPAQUE.matcher(out).replaceAll(m -> LETTER.matcher(m.group()).find() && DIGIT.matcher(m.group()).find()
        ? "***" : m.group());
  }

  /**
   * The first line of {@code text}, redacted, non-printable characters and double quotes replaced,
   * cut to {@code max} characters (then ending with {@code ...}). {@code cut}: the text is a
   * prefix of something longer, so its last word may be the start of a secret and is dropped
   * first.
   */
  public static String line(String text, boolean cut, int max) {
    String first = text == null ? "" : text;
    int nl = first.indexOf('\n');
    if (nl >= 0) {
      first = first.substring(0, nl);
    } else if (cut) {
      int space = first.lastIndexOf(' ');
      first = space >= 0 ? first.substring(0, space) : "";
    }
    String clean = of(first.replaceAll("[^\\x20-\\x7e]", "?")).replace('"', '\'').strip();
    return clean.length() <= max ? clean : clean.substring(0, max) + "...";
  }
}
