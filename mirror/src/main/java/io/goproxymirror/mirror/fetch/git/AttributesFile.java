package io.goproxymirror.mirror.fetch.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.attributes.Attribute;
import org.eclipse.jgit.attributes.AttributesRule;

/**
 * The lines of one {@code .gitattributes} file as git 2.39's attr.c reads them: content ends at
 * the first NUL byte, lines of 2048 bytes or more are ignored, a pattern may be C-quoted, a line
 * with a negative pattern or an invalid attribute name is ignored, and {@code [attr]name} lines
 * define macros instead of matching paths. Matching itself is left to JGit's
 * {@link AttributesRule}.
 */
final class AttributesFile {
  /** A macro definition: {@code [attr]name} and the attributes it stands for. */
  record Macro(String name, List<Attribute> attributes) {}

  private static final String MACRO_PREFIX = "[attr]";
  private static final String BLANK = " \t\r\n";
  private static final int MAX_LINE_LENGTH = 2048;

  private final List<AttributesRule> rules = new ArrayList<>();
  private final List<Macro> macros = new ArrayList<>();

  private AttributesFile() {}

  static AttributesFile parse(InputStream in) throws IOException {
    AttributesFile file = new AttributesFile();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean tooLong = false;
    for (int b = in.read(); b > 0; b = in.read()) {
      if (b == '\n') {
        if (!tooLong) {
          file.addLine(line.toByteArray());
        }
        line.reset();
        tooLong = false;
      } else if (!tooLong) {
        line.write(b);
        tooLong = line.size() >= MAX_LINE_LENGTH;
      }
    }
    if (!tooLong) {
      file.addLine(line.toByteArray());
    }
    return file;
  }

  /** The path-matching rules in file order. */
  List<AttributesRule> rules() {
    return rules;
  }

  /** The macro definitions in file order (git honours them only in the root file). */
  List<Macro> macros() {
    return macros;
  }

  private void addLine(byte[] line) {
    int start = skipBlanks(line, 0);
    if (start == line.length || line[start] == '#') {
      return;
    }
    ByteArrayOutputStream pattern = new ByteArrayOutputStream();
    int states = line[start] == '"' ? unquote(line, start, pattern) : -1;
    if (states < 0) {
      pattern.reset();
      states = start;
      while (states < line.length && !isBlank(line[states])) {
        pattern.write(line[states++]);
      }
    }
    String name = pattern.toString(StandardCharsets.UTF_8);
    String attributes = new String(line, states, line.length - states, StandardCharsets.UTF_8)
        .strip();
    if (!validAttributes(attributes)) {
      return;
    }
    if (name.length() > MACRO_PREFIX.length() && name.startsWith(MACRO_PREFIX)) {
      String macro = name.substring(MACRO_PREFIX.length()).replaceFirst("^[ \t\r\n]+", "");
      if (validName(macro)) {
        macros.add(new Macro(macro, new AttributesRule(macro, attributes).getAttributes()));
      }
    } else if (!name.startsWith("!")) {
      rules.add(new AttributesRule(name, attributes));
    }
  }

  /**
   * Decodes a C-quoted pattern starting at {@code line[start] == '"'} into {@code out}; the index
   * after the closing quote, or -1 when the quoting is malformed.
   */
  private static int unquote(byte[] line, int start, ByteArrayOutputStream out) {
    int i = start + 1;
    while (i < line.length) {
      byte c = line[i++];
      if (c == '"') {
        return i;
      }
      if (c != '\\') {
        out.write(c);
        continue;
      }
      if (i >= line.length) {
        return -1;
      }
      byte e = line[i++];
      int escaped = "abfnrtv".indexOf(e);
      if (escaped >= 0) {
        out.write("\u0007\b\f\n\r\t\u000b".charAt(escaped));
      } else if (e == '\\' || e == '"') {
        out.write(e);
      } else if (e >= '0' && e <= '3' && i + 1 < line.length && isOctal(line[i])
          && isOctal(line[i + 1])) {
        out.write(((e - '0') << 6) | ((line[i] - '0') << 3) | (line[i + 1] - '0'));
        i += 2;
      } else {
        return -1;
      }
    }
    return -1;
  }

  /**
   * Whether every state names a valid attribute ({@code name}, {@code -name}, {@code !name} or
   * {@code name=value}); git ignores a line with an invalid one.
   */
  private static boolean validAttributes(String states) {
    if (states.isEmpty()) {
      return true;
    }
    for (String state : states.split("[ \t\r\n]+")) {
      int equals = state.indexOf('=');
      String name = equals < 0 ? state : state.substring(0, equals);
      if (name.startsWith("-") || name.startsWith("!")) {
        name = name.substring(1);
      }
      if (!validName(name)) {
        return false;
      }
    }
    return true;
  }

  private static boolean validName(String name) {
    return !name.isEmpty() && name.charAt(0) != '-' && name.matches("[-._0-9A-Za-z]+");
  }

  private static int skipBlanks(byte[] line, int from) {
    int i = from;
    while (i < line.length && isBlank(line[i])) {
      i++;
    }
    return i;
  }

  private static boolean isBlank(byte b) {
    return BLANK.indexOf(b) >= 0;
  }

  private static boolean isOctal(byte b) {
    return b >= '0' && b <= '7';
  }
}
