package io.goproxymirror.sync.expansion;

import io.goproxymirror.sync.port.ModuleVersion;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The module versions a go.sum lists. Each non-blank line is {@code path version hash} or {@code
 * path version/go.mod hash}, separated by blanks, where the hash is {@code h<digits>:} and a
 * base64 digest; both forms name the same version.
 */
public final class GoSumFile {
  private static final Pattern HASH = Pattern.compile("h[0-9]+:[A-Za-z0-9+/=]+");
  private static final String GO_MOD_SUFFIX = "/go.mod";

  private GoSumFile() {}

  /**
   * @return the versions, each once, in file order
   * @throws ProjectFileSyntaxException for the first malformed line
   */
  public static List<ModuleVersion> parse(String text) {
    Set<ModuleVersion> versions = new LinkedHashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length != 3) {
        throw error(i + 1, "expected \"module version hash\", got " + fields.length + " fields");
      }
      if (!HASH.matcher(fields[2]).matches()) {
        throw error(i + 1, "malformed hash \"" + fields[2] + "\"");
      }
      String version = fields[1];
      if (version.endsWith(GO_MOD_SUFFIX)) {
        version = version.substring(0, version.length() - GO_MOD_SUFFIX.length());
      }
      if (version.isEmpty() || version.contains("/")) {
        throw error(i + 1, "malformed version \"" + fields[1] + "\"");
      }
      versions.add(new ModuleVersion(fields[0], version));
    }
    return List.copyOf(versions);
  }

  private static ProjectFileSyntaxException error(int line, String reason) {
    return new ProjectFileSyntaxException("go.sum", line, reason);
  }
}
