package io.goproxymirror.config.auth;

import io.goproxymirror.config.source.ListItem;
import io.goproxymirror.config.value.ConfigException;
import io.goproxymirror.gomod.PathPatterns;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Converts the entries of {@code auth.rules}: {@code pattern} (required) holds GOPRIVATE-style
 * globs; {@code groups} (required) is a YAML list of group names (one name alone is accepted too),
 * each 1 to 128 letters, digits or {@code . _ @ / + -}.
 */
public final class AuthRules {
  private static final List<String> REQUIRED = List.of("pattern", "groups");
  private static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{N}._@/+-]{1,128}");

  private AuthRules() {}

  /**
   * @throws ConfigException naming the entry key at fault
   */
  public static List<AuthRule> parse(List<ListItem> items) {
    List<AuthRule> rules = new ArrayList<>();
    for (ListItem item : items) {
      PathPatterns pattern = item.requiredPatterns("pattern", REQUIRED);
      if (!item.fields().containsKey("groups")) {
        throw new ConfigException(item.pathOf("groups"), "missing (each entry needs pattern and groups)");
      }
      rules.add(new AuthRule(pattern, groups(item)));
    }
    return List.copyOf(rules);
  }

  /** The list reader joins the items of a YAML list with commas, which no group name contains. */
  private static List<String> groups(ListItem item) {
    String text = item.text("groups").orElse("");
    if (text.isEmpty()) {
      throw new ConfigException(item.pathOf("groups"), "must name at least one group, such as [developers, ci]");
    }
    Set<String> groups = new LinkedHashSet<>();
    String[] names = text.split(",", -1);
    for (int i = 0; i < names.length; i++) {
      String name = names[i].strip();
      if (!GROUP.matcher(name).matches()) {
        throw new ConfigException(item.pathOf("groups") + "[" + i + "]",
            "must be 1 to 128 letters, digits or . _ @ / + - (got \"" + shown(name) + "\")");
      }
      groups.add(name);
    }
    return List.copyOf(groups);
  }

  private static String shown(String name) {
    String cut = name.length() > 40 ? name.substring(0, 40) + "..." : name;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
