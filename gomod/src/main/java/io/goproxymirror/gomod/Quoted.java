package io.goproxymirror.gomod;

/**
 * Strings quoted the way the go command quotes them: untrusted strings for error messages
 * ({@link #of}, {@link #bare}, {@link #ofChar}: double-quoted, single-line, printable ASCII only,
 * as Go's {@code strconv.Quote} writes them), and JSON string literals ({@link #json}, as Go's
 * {@code encoding/json} writes them).
 */
public final class Quoted {
  private static final int MAX_CHARS = 160;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Quoted() {}

  /** {@code s} in double quotes with quotes, backslashes and non-printable characters escaped. */
  public static String of(String s) {
    return '"' + bare(s) + '"';
  }

  /** {@code s} escaped as by {@link #of} but without the surrounding quotes. */
  static String bare(String s) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_CHARS) + 8);
    int i = 0;
    while (i < s.length()) {
      if (out.length() > MAX_CHARS) {
        out.append("...");
        break;
      }
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      appendEscaped(out, cp);
    }
    return out.toString();
  }

  /** A single character, quoted the same way ({@code 'x'}). */
  static String ofChar(int cp) {
    StringBuilder out = new StringBuilder("'");
    if (cp == '\'') {
      out.append("\\'");
    } else if (cp == '"') {
      out.append('"');
    } else {
      appendEscaped(out, cp);
    }
    return out.append('\'').toString();
  }

  private static void appendEscaped(StringBuilder out, int cp) {
    switch (cp) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      default -> {
        if (cp >= 0x20 && cp < 0x7f) {
          out.append((char) cp);
        } else if (cp < 0x80) {
          out.append(String.format("\\x%02x", cp));
        } else if (cp <= 0xffff) {
          out.append(String.format("\\u%04x", cp));
        } else {
          out.append(String.format("\\U%08x", cp));
        }
      }
    }
  }

  /**
   * {@code s} as a quoted JSON string the way Go's encoding/json writes it: HTML-sensitive
   * characters and U+2028/9 are escaped, other non-ASCII characters are kept, nothing is cut.
   */
  public static String json(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
