package io.goproxymirror.mirror.modzip;

/**
 * A key such that two strings have the same key exactly when they are equal under Unicode simple
 * case folding (Go's {@code strings.EqualFold}).
 *
 * <p>Mapping each code point to lower(upper(c)) gives the same classes as Go's fold orbits for
 * every code point except U+0130 (İ) and U+0131 (ı), which Go folds to nothing else but Java's simple
 * mappings send to {@code i}; those two are kept as they are. (Checked exhaustively against Go for
 * Unicode 13, the version shared by Java 17 and go1.19.)
 */
final class CaseFold {
  private static final int CAPITAL_I_WITH_DOT = 0x130;
  private static final int DOTLESS_I = 0x131;

  private CaseFold() {}

  static String key(String s) {
    if (isAsciiLowerCase(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> out.appendCodePoint(fold(cp)));
    return out.toString();
  }

  private static int fold(int cp) {
    if (cp == CAPITAL_I_WITH_DOT || cp == DOTLESS_I) {
      return cp;
    }
    return Character.toLowerCase(Character.toUpperCase(cp));
  }

  private static boolean isAsciiLowerCase(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }
}
