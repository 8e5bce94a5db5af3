package io.goproxymirror.sync.expansion;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a go.mod into lines of tokens the way the go command reads it: blanks are spaces, tabs
 * and carriage returns; {@code //} starts a comment that runs to the end of the line; {@code (},
 * {@code )}, {@code [}, {@code ]}, {@code {}, {@code }} and {@code ,} are tokens of their own;
 * {@code "..."} (with backslash escapes) and {@code `...`} are quoted tokens that may not span
 * lines; anything else up to one of those is a word. {@code /*} comments are an error.
 */
final class ModFileLexer {
  /** One token and whether it was quoted. */
  record Token(String text, boolean quoted) {
    boolean is(String punctuation) {
      return !quoted && text.equals(punctuation);
    }
  }

  /** The tokens of one line, never empty, with its number. */
  record Line(int number, List<Token> tokens) {}

  private ModFileLexer() {}

  static List<Line> lines(String text) {
    List<Line> lines = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      List<Token> tokens = tokens(raw[i], i + 1);
      if (!tokens.isEmpty()) {
        lines.add(new Line(i + 1, tokens));
      }
    }
    return lines;
  }

  private static List<Token> tokens(String line, int number) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r') {
        i++;
      } else if (line.startsWith("//", i)) {
        break;
      } else if (line.startsWith("/*", i)) {
        throw error(number, "mod files must use // comments (not /* */ comments)");
      } else if ("()[]{},".indexOf(c) >= 0) {
        tokens.add(new Token(String.valueOf(c), false));
        i++;
      } else if (c == '"' || c == '`') {
        int end = closingQuote(line, i, number);
        tokens.add(new Token(unquote(line.substring(i, end + 1), number), true));
        i = end + 1;
      } else {
        int start = i;
        while (i < n && isWordChar(line.charAt(i)) && !line.startsWith("//", i)) {
          if (line.startsWith("/*", i)) {
            throw error(number, "mod files must use // comments (not /* */ comments)");
          }
          i++;
        }
        if (i == start) {
          throw error(number, "unexpected input character " + (int) c);
        }
        tokens.add(new Token(line.substring(start, i), false));
      }
    }
    return tokens;
  }

  private static boolean isWordChar(char c) {
    return "()[]{},".indexOf(c) < 0 && !Character.isWhitespace(c) && !Character.isISOControl(c);
  }

  private static int closingQuote(String line, int open, int number) {
    char quote = line.charAt(open);
    for (int i = open + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == quote) {
        return i;
      }
      if (c == '\\' && quote == '"') {
        i++;
      }
    }
    throw error(number, "unterminated quoted string");
  }

  /** The text of a quoted token; only the escapes a module path or version can need are known. */
  private static String unquote(String quoted, int number) {
    String body = quoted.substring(1, quoted.length() - 1);
    if (quoted.charAt(0) == '`') {
      return body;
    }
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = body.charAt(++i);
      switch (next) {
        case '\\', '"', '\'' -> out.append(next);
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        default -> throw error(number, "unsupported escape \\" + next + " in quoted string");
      }
    }
    return out.toString();
  }

  static ProjectFileSyntaxException error(int line, String reason) {
    return new ProjectFileSyntaxException("go.mod", line, reason);
  }
}
