package io.goproxymirror.gomod;

/**
 * The parts of a semantic version {@code vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]]} as written
 * (PROTOCOL §2.3).
 *
 * @param major decimal digits, no leading zero
 * @param minor decimal digits ("0" when omitted)
 * @param patch decimal digits ("0" when omitted)
 * @param shorthand what the shorthand form left out ({@code ".0.0"}, {@code ".0"} or {@code ""})
 * @param prerelease {@code "-..."} or {@code ""}
 * @param build {@code "+..."} or {@code ""}
 */
record ParsedSemver(
    String major, String minor, String patch, String shorthand, String prerelease, String build) {

  /** Parses {@code v}, or returns null when it is not a valid semantic version. */
  static ParsedSemver parse(String v) {
    if (v == null || v.isEmpty() || v.charAt(0) != 'v') {
      return null;
    }
    int pos = 1;
    int end = numberEnd(v, pos);
    if (end < 0) {
      return null;
    }
    String major = v.substring(pos, end);
    if (end == v.length()) {
      return new ParsedSemver(major, "0", "0", ".0.0", "", "");
    }
    if (v.charAt(end) != '.') {
      return null;
    }
    pos = end + 1;
    end = numberEnd(v, pos);
    if (end < 0) {
      return null;
    }
    String minor = v.substring(pos, end);
    if (end == v.length()) {
      return new ParsedSemver(major, minor, "0", ".0", "", "");
    }
    if (v.charAt(end) != '.') {
      return null;
    }
    pos = end + 1;
    end = numberEnd(v, pos);
    if (end < 0) {
      return null;
    }
    String patch = v.substring(pos, end);
    pos = end;
    String prerelease = "";
    if (pos < v.length() && v.charAt(pos) == '-') {
      end = identifiersEnd(v, pos, true);
      if (end < 0) {
        return null;
      }
      prerelease = v.substring(pos, end);
      pos = end;
    }
    String build = "";
    if (pos < v.length() && v.charAt(pos) == '+') {
      end = identifiersEnd(v, pos, false);
      if (end < 0) {
        return null;
      }
      build = v.substring(pos, end);
      pos = end;
    }
    return pos == v.length() ? new ParsedSemver(major, minor, patch, "", prerelease, build) : null;
  }

  /** End of a decimal number without leading zeros starting at {@code pos}, or -1. */
  private static int numberEnd(String v, int pos) {
    int i = pos;
    while (i < v.length() && isDigit(v.charAt(i))) {
      i++;
    }
    if (i == pos || (v.charAt(pos) == '0' && i - pos > 1)) {
      return -1;
    }
    return i;
  }

  /**
   * End of a dot-separated list of non-empty {@code [0-9A-Za-z-]} identifiers after the leading
   * {@code -} or {@code +} at {@code pos}, or -1. A pre-release list stops at {@code +} and rejects
   * numeric identifiers with leading zeros; a build list runs to the end.
   */
  private static int identifiersEnd(String v, int pos, boolean prerelease) {
    int i = pos + 1;
    int start = i;
    while (i < v.length() && !(prerelease && v.charAt(i) == '+')) {
      char c = v.charAt(i);
      if (c == '.') {
        if (!goodIdentifier(v, start, i, prerelease)) {
          return -1;
        }
        start = i + 1;
      } else if (!isIdentifierChar(c)) {
        return -1;
      }
      i++;
    }
    return goodIdentifier(v, start, i, prerelease) ? i : -1;
  }

  private static boolean goodIdentifier(String v, int start, int end, boolean prerelease) {
    if (start == end) {
      return false;
    }
    return !prerelease || !isNumericWithLeadingZero(v.substring(start, end));
  }

  static boolean isNumeric(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNumericWithLeadingZero(String s) {
    return s.length() > 1 && s.charAt(0) == '0' && isNumeric(s);
  }

  private static boolean isIdentifierChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c == '-';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
