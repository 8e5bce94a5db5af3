package io.goproxymirror.gomod;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code require} directives of a go.mod, in both forms ({@code require path version} and a
 * {@code require (...)} block), with quoted paths and versions; everything else (module, go,
 * toolchain, replace, exclude, retract, tool, godebug, and directives unknown today) is skipped,
 * blocks included. A block opens with {@code (} ending its line and closes with {@code )} alone on
 * its line; {@code verb ()} on one line is an empty block. Every quoted string of the file must be
 * a valid Go string literal.
 */
public final class GoModRequirements {
  private GoModRequirements() {}

  /**
   * @return the required versions, each once, in file order
   * @throws GoModSyntaxException for text the go command would refuse to read
   */
  public static List<Requirement> parse(byte[] goMod) {
    List<GoModLine> lines = GoModLexer.lines(new String(goMod, StandardCharsets.UTF_8));
    checkStrings(lines);
    Set<Requirement> required = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      GoModLine line = lines.get(i);
      List<GoModToken> tokens = line.tokens();
      boolean require = isRequire(tokens.get(0));
      if (opensBlock(tokens)) {
        int close = closingLine(lines, i);
        if (require) {
          for (int j = i + 1; j < close; j++) {
            required.add(requirement(lines.get(j), lines.get(j).tokens()));
          }
        }
        i = close;
      } else if (isEmptyBlock(tokens)) {
        continue;
      } else if (tokens.get(0).is(")")) {
        throw new GoModSyntaxException(line.number(), "unexpected )");
      } else if (require) {
        required.add(requirement(line, tokens.subList(1, tokens.size())));
      }
    }
    return List.copyOf(new ArrayList<>(required));
  }

  private static void checkStrings(List<GoModLine> lines) {
    for (GoModLine line : lines) {
      for (GoModToken token : line.tokens()) {
        if (token.kind() == GoModToken.Kind.STRING
            && GoStringLiteral.unquote(token.text()).isEmpty()) {
          throw new GoModSyntaxException(line.number(), "invalid quoted string: invalid syntax");
        }
      }
    }
  }

  private static boolean isRequire(GoModToken verb) {
    return verb.kind() == GoModToken.Kind.WORD && verb.text().equals("require");
  }

  private static boolean opensBlock(List<GoModToken> tokens) {
    return tokens.size() >= 2 && tokens.get(tokens.size() - 1).is("(");
  }

  private static boolean isEmptyBlock(List<GoModToken> tokens) {
    int n = tokens.size();
    return n >= 3 && tokens.get(n - 2).is("(") && tokens.get(n - 1).is(")");
  }

  private static int closingLine(List<GoModLine> lines, int open) {
    for (int j = open + 1; j < lines.size(); j++) {
      List<GoModToken> tokens = lines.get(j).tokens();
      if (tokens.get(0).is(")")) {
        if (tokens.size() > 1) {
          throw new GoModSyntaxException(
              lines.get(j).number(), "syntax error (expected newline after closing paren)");
        }
        return j;
      }
    }
    throw new GoModSyntaxException(
        lines.get(open).number(), "syntax error (unterminated block started here)");
  }

  private static Requirement requirement(GoModLine line, List<GoModToken> args) {
    if (args.size() != 2
        || args.stream().anyMatch(t -> t.kind() == GoModToken.Kind.PUNCTUATION)
        || value(args.get(0)).isEmpty()
        || value(args.get(1)).isEmpty()) {
      throw new GoModSyntaxException(line.number(), "usage: require module/path v1.2.3");
    }
    return new Requirement(value(args.get(0)), value(args.get(1)));
  }

  /** A word as written, a string unquoted (every string was checked by {@link #checkStrings}). */
  private static String value(GoModToken token) {
    return token.kind() == GoModToken.Kind.STRING
        ? GoStringLiteral.unquote(token.text()).orElseThrow()
        : token.text();
  }
}
