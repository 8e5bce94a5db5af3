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
 * its line; {@code verb ()} on one line is an empty block.
 */
public final class GoModRequirements {
  private GoModRequirements() {}

  /**
   * @return the required versions, each once, in file order
   * @throws ProjectFileSyntaxException for text the go command would refuse to read
   */
  public static List<ModuleVersion> parse(byte[] goMod) {
    List<ModFileLexer.Line> lines =
        ModFileLexer.lines(new String(goMod, StandardCharsets.UTF_8));
    Set<ModuleVersion> required = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      ModFileLexer.Line line = lines.get(i);
      List<ModFileLexer.Token> tokens = line.tokens();
      String verb = tokens.get(0).text();
      if (opensBlock(tokens)) {
        int close = closingLine(lines, i);
        if (verb.equals("require") && !tokens.get(0).quoted()) {
          for (int j = i + 1; j < close; j++) {
            required.add(requirement(lines.get(j), lines.get(j).tokens()));
          }
        }
        i = close;
      } else if (isEmptyBlock(tokens)) {
        continue;
      } else if (tokens.get(0).is(")")) {
        throw ModFileLexer.error(line.number(), "unexpected )");
      } else if (verb.equals("require") && !tokens.get(0).quoted()) {
        required.add(requirement(line, tokens.subList(1, tokens.size())));
      }
    }
    return List.copyOf(new ArrayList<>(required));
  }

  private static boolean opensBlock(List<ModFileLexer.Token> tokens) {
    return tokens.size() >= 2 && tokens.get(tokens.size() - 1).is("(");
  }

  private static boolean isEmptyBlock(List<ModFileLexer.Token> tokens) {
    int n = tokens.size();
    return n >= 3 && tokens.get(n - 2).is("(") && tokens.get(n - 1).is(")");
  }

  private static int closingLine(List<ModFileLexer.Line> lines, int open) {
    for (int j = open + 1; j < lines.size(); j++) {
      List<ModFileLexer.Token> tokens = lines.get(j).tokens();
      if (tokens.get(0).is(")")) {
        if (tokens.size() > 1) {
          throw ModFileLexer.error(
              lines.get(j).number(), "syntax error (expected newline after closing paren)");
        }
        return j;
      }
    }
    throw ModFileLexer.error(
        lines.get(open).number(), "syntax error (unterminated block started here)");
  }

  private static ModuleVersion requirement(
      ModFileLexer.Line line, List<ModFileLexer.Token> args) {
    if (args.size() != 2
        || args.stream().anyMatch(t -> !t.quoted() && t.text().length() == 1 && "()[]{},".contains(t.text()))
        || args.get(0).text().isEmpty()
        || args.get(1).text().isEmpty()) {
      throw ModFileLexer.error(line.number(), "usage: require module/path v1.2.3");
    }
    return new ModuleVersion(args.get(0).text(), args.get(1).text());
  }
}
