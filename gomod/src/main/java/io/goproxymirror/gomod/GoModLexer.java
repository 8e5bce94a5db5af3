package io.goproxymirror.gomod;

import java.util.ArrayList;
import java.util.List;

/**
 * The go.mod lexer: splits a go.mod into lines of tokens the way the go command's lexer does.
 * Spaces, tabs and carriage returns separate tokens; {@code //} starts a comment that runs to the
 * end of the line; {@code (}, {@code )}, {@code [}, {@code ]}, {@code {}, {@code }} and {@code ,}
 * are tokens of their own; {@code "..."} (with backslash escapes) and {@code `...`} are strings,
 * kept as written, that may not span lines; anything else up to one of those is a word of
 * printable, non-space characters. Blank lines are omitted.
 */
final class GoModLexer {
  private static final String PUNCTUATION = "()[]{},";
  private static final String BLOCK_COMMENT = "mod files must use // comments (not /* */ comments)";

  private final String text;
  private int pos;
  private int line = 1;

  private GoModLexer(String text) {
    this.text = text;
  }

  /**
   * The non-empty lines of {@code text}.
   *
   * @throws GoModSyntaxException for a {@code /*} comment, an unterminated string or a character
   *     that can start no token, naming its line
   */
  static List<GoModLine> lines(String text) {
    return new GoModLexer(text).readLines();
  }

  private List<GoModLine> readLines() {
    List<GoModLine> lines = new ArrayList<>();
    List<GoModToken> tokens = new ArrayList<>();
    while (true) {
      skipSpacesAndComment();
      if (pos >= text.length() || text.charAt(pos) == '\n') {
        if (!tokens.isEmpty()) {
          lines.add(new GoModLine(line, List.copyOf(tokens)));
          tokens.clear();
        }
        if (pos >= text.length()) {
          return lines;
        }
        pos++;
        line++;
        continue;
      }
      tokens.add(readToken());
    }
  }

  private void skipSpacesAndComment() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (text.startsWith("//", pos)) {
        int newline = text.indexOf('\n', pos);
        pos = newline < 0 ? text.length() : newline;
      } else {
        return;
      }
    }
  }

  private GoModToken readToken() {
    char c = text.charAt(pos);
    if (PUNCTUATION.indexOf(c) >= 0) {
      pos++;
      return new GoModToken(String.valueOf(c), GoModToken.Kind.PUNCTUATION);
    }
    if (c == '"' || c == '`') {
      return readString(c);
    }
    if (text.startsWith("/*", pos)) {
      throw error(BLOCK_COMMENT);
    }
    int start = pos;
    while (pos < text.length() && isWordChar(text.codePointAt(pos))) {
      if (text.startsWith("//", pos)) {
        break;
      }
      if (text.startsWith("/*", pos)) {
        throw error(BLOCK_COMMENT);
      }
      pos += Character.charCount(text.codePointAt(pos));
    }
    if (pos == start) {
      throw error("unexpected input character " + text.codePointAt(pos));
    }
    return new GoModToken(text.substring(start, pos), GoModToken.Kind.WORD);
  }

  private GoModToken readString(char quote) {
    int start = pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\n') {
        break;
      }
      if (c == quote) {
        return new GoModToken(text.substring(start, pos), GoModToken.Kind.STRING);
      }
      if (c == '\\' && quote == '"') {
        if (pos >= text.length() || text.charAt(pos) == '\n') {
          break;
        }
        pos++;
      }
    }
    throw error("unterminated quoted string");
  }

  private GoModSyntaxException error(String reason) {
    return new GoModSyntaxException(line, reason);
  }

  /** Go's {@code unicode.IsPrint} and not {@code unicode.IsSpace}, punctuation excluded. */
  private static boolean isWordChar(int cp) {
    if (PUNCTUATION.indexOf(cp) >= 0 || cp == ' ' || Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)) {
      return false;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED -> false;
      default -> true;
    };
  }
}
