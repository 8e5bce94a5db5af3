package io.goproxymirror.gomod;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a go.mod file into lines of tokens the way the go command's lexer does: {@code //}
 * comments are dropped, spaces, tabs and carriage returns separate tokens, strings may not span
 * lines. Blank lines are omitted.
 */
final class GoModLexer {
  private static final String PUNCTUATION = "()[]{},";

  private final String text;
  private int pos;

  private GoModLexer(String text) {
    this.text = text;
  }

  /** The non-empty lines of {@code goMod}, or empty if it is not valid UTF-8 or does not lex. */
  static Optional<List<List<GoModToken>>> lines(byte[] goMod) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(goMod))
          .toString();
      return new GoModLexer(text).readLines();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private Optional<List<List<GoModToken>>> readLines() {
    List<List<GoModToken>> lines = new ArrayList<>();
    List<GoModToken> line = new ArrayList<>();
    while (true) {
      skipSpacesAndComment();
      if (pos >= text.length() || text.charAt(pos) == '\n') {
        if (!line.isEmpty()) {
          lines.add(List.copyOf(line));
          line.clear();
        }
        if (pos >= text.length()) {
          return Optional.of(lines);
        }
        pos++;
        continue;
      }
      GoModToken token = readToken();
      if (token == null) {
        return Optional.empty();
      }
      line.add(token);
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

  /** The next token, or null on a lexical error. */
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
      return null;
    }
    int start = pos;
    while (pos < text.length() && isWordChar(text.codePointAt(pos))) {
      if (text.startsWith("//", pos)) {
        break;
      }
      if (text.startsWith("/*", pos)) {
        return null;
      }
      pos += Character.charCount(text.codePointAt(pos));
    }
    return pos == start ? null : new GoModToken(text.substring(start, pos), GoModToken.Kind.WORD);
  }

  private GoModToken readString(char quote) {
    int start = pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\n') {
        return null;
      }
      if (c == quote) {
        return new GoModToken(text.substring(start, pos), GoModToken.Kind.STRING);
      }
      if (c == '\\' && quote == '"') {
        if (pos >= text.length() || text.charAt(pos) == '\n') {
          return null;
        }
        pos++;
      }
    }
    return null;
  }

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
