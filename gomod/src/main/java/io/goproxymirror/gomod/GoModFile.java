package io.goproxymirror.gomod;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the few go.mod directives the mirror needs, following the go command's syntax. */
public final class GoModFile {
  private static final Pattern GO_VERSION = Pattern.compile(
      "[1-9][0-9]*\\.(?:0|[1-9][0-9]*)(?:\\.(?:0|[1-9][0-9]*))?(?:[a-z]+[0-9]+)?");
  /** What lax parsing salvages from a malformed go version: the leading {@code major.minor}. */
  private static final Pattern LAX_GO_VERSION =
      Pattern.compile("v?([1-9][0-9]*\\.(?:0|[1-9][0-9]*))[^0-9].*", Pattern.DOTALL);

  private GoModFile() {}

  /**
   * The path in the {@code module} directive: bare, {@code "quoted"}, {@code `raw`}, or the only
   * line of a {@code module (} ... {@code )} block. Empty when the file does not lex, has no module
   * directive, repeats it, or gives it anything but exactly one string argument.
   */
  public static Optional<String> modulePath(byte[] goMod) {
    List<List<GoModToken>> statements = statements(goMod, "module");
    if (statements == null || statements.size() != 1) {
      return Optional.empty();
    }
    List<GoModToken> args = statements.get(0);
    if (args.size() != 1) {
      return Optional.empty();
    }
    GoModToken arg = args.get(0);
    Optional<String> path = switch (arg.kind()) {
      case STRING -> GoStringLiteral.unquote(arg.text());
      case WORD -> containsQuote(arg.text()) ? Optional.empty() : Optional.of(arg.text());
      case PUNCTUATION -> Optional.empty();
    };
    return path.filter(p -> !p.isEmpty());
  }

  /**
   * The module path as the go command's quick scan reads it when locating a module in a
   * repository: the rest of the first line starting with {@code module} and a space, comments cut
   * at the first {@code //}, unquoted when it starts with a quote. {@code ""} when there is none or
   * the quoted form is malformed.
   */
  public static String declaredModulePath(byte[] goMod) {
    String text = new String(goMod, StandardCharsets.UTF_8);
    for (String line : text.split("\n", -1)) {
      int comment = line.indexOf("//");
      if (comment >= 0) {
        line = line.substring(0, comment);
      }
      line = line.strip();
      if (!line.startsWith("module")) {
        continue;
      }
      String rest = line.substring("module".length());
      String path = rest.strip();
      if (path.length() == rest.length() || path.isEmpty()) {
        continue;
      }
      if (path.charAt(0) == '"' || path.charAt(0) == '`') {
        return GoStringLiteral.unquote(path).orElse("");
      }
      return path;
    }
    return "";
  }

  /**
   * The go.mod the go command synthesizes for a version without one: {@code module <path>\n},
   * the path quoted only if it could not be written bare.
   */
  public static byte[] synthesized(String modulePath) {
    boolean bare = !modulePath.isEmpty() && !modulePath.contains("//") && !modulePath.contains("/*")
        && modulePath.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '`'
            || c == 0x7f || (modulePath.length() > 1 && "()[]{},".indexOf(c) >= 0));
    String path = bare ? modulePath
        : '"' + modulePath.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    return ("module " + path + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The version in the {@code go} directive ({@code "1.21"}, {@code "1.22rc1"}), reduced to
   * {@code major.minor} when it is malformed but starts like a version, as lax parsing does. Empty
   * when absent, repeated or unusable.
   */
  public static Optional<String> goVersion(byte[] goMod) {
    List<List<GoModToken>> statements = statements(goMod, "go");
    if (statements == null || statements.size() != 1 || statements.get(0).size() != 1) {
      return Optional.empty();
    }
    GoModToken arg = statements.get(0).get(0);
    if (arg.kind() != GoModToken.Kind.WORD) {
      return Optional.empty();
    }
    if (GO_VERSION.matcher(arg.text()).matches()) {
      return Optional.of(arg.text());
    }
    Matcher lax = LAX_GO_VERSION.matcher(arg.text());
    return lax.matches() ? Optional.of(lax.group(1)) : Optional.empty();
  }

  /**
   * The argument lists of every statement with the given verb, whether written on one line or
   * inside a {@code verb (} ... {@code )} block; null if the file does not lex or a block is
   * unterminated.
   */
  static List<List<GoModToken>> statements(byte[] goMod, String verb) {
    List<List<GoModToken>> lines = lex(goMod);
    if (lines == null) {
      return null;
    }
    List<List<GoModToken>> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      List<GoModToken> line = lines.get(i);
      boolean matches = line.get(0).kind() == GoModToken.Kind.WORD
          && line.get(0).text().equals(verb);
      if (line.size() == 2 && line.get(1).is("(")) {
        int close = i + 1;
        while (close < lines.size() && !isBlockEnd(lines.get(close))) {
          close++;
        }
        if (close == lines.size()) {
          return null;
        }
        if (matches) {
          found.addAll(lines.subList(i + 1, close));
        }
        i = close;
      } else if (matches) {
        found.add(line.subList(1, line.size()));
      }
    }
    return found;
  }

  /** The tokens of each non-blank line; null if {@code goMod} is not valid UTF-8 or does not lex. */
  private static List<List<GoModToken>> lex(byte[] goMod) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(goMod))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    try {
      return GoModLexer.lines(text).stream().map(GoModLine::tokens).toList();
    } catch (GoModSyntaxException e) {
      return null;
    }
  }

  private static boolean isBlockEnd(List<GoModToken> line) {
    return line.size() == 1 && line.get(0).is(")");
  }

  private static boolean containsQuote(String word) {
    return word.indexOf('"') >= 0 || word.indexOf('\'') >= 0 || word.indexOf('`') >= 0;
  }
}
