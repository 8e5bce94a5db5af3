package io.goproxymirror.gomod;

import java.util.Optional;

/** Decodes the Go string literals of go.mod files: {@code "interpreted"} or {@code `raw`}. */
final class GoStringLiteral {
  /** Single-character escapes and what they stand for, index-aligned. */
  private static final String SIMPLE_ESCAPES = "abfnrtv\\\"";
  private static final String SIMPLE_VALUES = "\u0007\b\f\n\r\t\u000b\\\"";

  private GoStringLiteral() {}

  /**
   * The value of {@code literal}, or empty if it is malformed. Escapes producing single bytes
   * ({@code \x80}, {@code \377}) above ASCII are rejected rather than turned into invalid UTF-8.
   */
  static Optional<String> unquote(String literal) {
    if (literal.length() < 2) {
      return Optional.empty();
    }
    char quote = literal.charAt(0);
    if (literal.charAt(literal.length() - 1) != quote) {
      return Optional.empty();
    }
    String body = literal.substring(1, literal.length() - 1);
    if (quote == '`') {
      return body.indexOf('`') >= 0 ? Optional.empty() : Optional.of(body.replace("\r", ""));
    }
    return quote == '"' ? interpreted(body) : Optional.empty();
  }

  private static Optional<String> interpreted(String body) {
    StringBuilder out = new StringBuilder(body.length());
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i++);
      if (c == '"' || c == '\n') {
        return Optional.empty();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i >= body.length()) {
        return Optional.empty();
      }
      char e = body.charAt(i++);
      int simple = SIMPLE_ESCAPES.indexOf(e);
      if (simple >= 0) {
        out.append(SIMPLE_VALUES.charAt(simple));
        continue;
      }
      int digits = switch (e) {
        case 'x', '0', '1', '2', '3', '4', '5', '6', '7' -> 2;
        case 'u' -> 4;
        case 'U' -> 8;
        default -> -1;
      };
      if (digits < 0) {
        return Optional.empty();
      }
      int value = codePoint(e, body, i, digits);
      if (value < 0) {
        return Optional.empty();
      }
      out.appendCodePoint(value);
      i += digits;
    }
    return Optional.of(out.toString());
  }

  /** The character a numeric escape introduced by {@code e} denotes, or -1 if it is unusable. */
  private static int codePoint(char e, String body, int from, int digits) {
    boolean octal = e >= '0' && e <= '7';
    int value = number(body, from, digits, octal ? 8 : 16);
    if (value < 0) {
      return -1;
    }
    if (octal) {
      value |= (e - '0') << 6;
    }
    boolean byteEscape = octal || e == 'x';
    if ((byteEscape && value >= 0x80) || !Character.isValidCodePoint(value)
        || (value >= 0xd800 && value <= 0xdfff)) {
      return -1;
    }
    return value;
  }

  /** The number in exactly {@code count} digits of {@code radix} at {@code from}, or -1. */
  private static int number(String s, int from, int count, int radix) {
    if (from + count > s.length()) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      int d = c < 0x80 ? Character.digit(c, radix) : -1;
      if (d < 0) {
        return -1;
      }
      value = value * radix + d;
    }
    return value > Integer.MAX_VALUE ? -1 : (int) value;
  }
}
