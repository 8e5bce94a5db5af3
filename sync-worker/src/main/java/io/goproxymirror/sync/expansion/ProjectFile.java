package io.goproxymirror.sync.expansion;

import io.goproxymirror.gomod.GoModRequirements;
import io.goproxymirror.gomod.GoModSyntaxException;
import io.goproxymirror.sync.port.ModuleVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A go.mod or go.sum posted to warm a project. A go.sum is recognised by its first non-blank line
 * having three fields, the last an {@code h<digits>:} hash; anything else is read as a go.mod.
 */
public enum ProjectFile {
  GO_MOD,
  GO_SUM;

  private static final Pattern SUM_LINE = Pattern.compile("\\S+\\s+\\S+\\s+h[0-9]+:\\S*");

  /** Which kind {@code body} is. */
  public static ProjectFile detect(String body) {
    for (String line : body.split("\n")) {
      String stripped = line.strip();
      if (!stripped.isEmpty()) {
        return SUM_LINE.matcher(stripped).matches() ? GO_SUM : GO_MOD;
      }
    }
    return GO_MOD;
  }

  /**
   * The versions {@code body} lists: a go.sum's versions, or a go.mod's requirements.
   *
   * @throws ProjectFileSyntaxException when it cannot be read
   */
  public static List<ModuleVersion> versions(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return switch (detect(text)) {
      case GO_SUM -> GoSumFile.parse(text);
      case GO_MOD -> goModRequirements(body);
    };
  }

  /**
   * The versions a go.mod requires, each once, in file order.
   *
   * @throws ProjectFileSyntaxException for text the go command would refuse to read
   */
  public static List<ModuleVersion> goModRequirements(byte[] goMod) {
    try {
      return GoModRequirements.parse(goMod).stream()
          .map(r -> new ModuleVersion(r.path(), r.version()))
          .toList();
    } catch (GoModSyntaxException e) {
      throw new ProjectFileSyntaxException("go.mod", e.line(), e.reason());
    }
  }
}
