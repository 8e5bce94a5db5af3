package io.goproxymirror.config.git;

import io.goproxymirror.config.source.ListItem;
import io.goproxymirror.config.value.ConfigException;
import io.goproxymirror.config.value.ValueParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the entries of {@code git.repositories}: {@code prefix} is a module path prefix,
 * normalized to end with {@code /}; {@code url} a template with {@code {root}} and/or {@code
 * {path}} that gives a valid repository URL ({@link GitUrls}); {@code elements} 1..16, default 2.
 * A prefix that an earlier prefix already covers is an error, since the first match wins.
 */
public final class GitRepositoryTemplates {

  private static final List<String> REQUIRED = List.of("prefix", "url");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern ELEMENT = Pattern.compile("[A-Za-z0-9._~+-]+");
  private static final int DEFAULT_ELEMENTS = 2;

  private GitRepositoryTemplates() {}

  public static List<GitRepositoryTemplate> parse(List<ListItem> items) {
    List<GitRepositoryTemplate> templates = new ArrayList<>();
    for (ListItem item : items) {
      String prefix = prefix(item, item.required("prefix", REQUIRED));
      String url = item.required("url", REQUIRED);
      int elements =
          item.parsed("elements", ValueParser.intIn(1, 16)).orElse(DEFAULT_ELEMENTS);
      checkTemplate(item, url, prefix, elements);
      templates.add(new GitRepositoryTemplate(prefix, url, elements));
    }
    List<String> prefixes = templates.stream().map(GitRepositoryTemplate::prefix).toList();
    PrefixOrder.check(items, prefixes, "prefix");
    return List.copyOf(templates);
  }

  private static String prefix(ListItem item, String text) {
    String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    for (String element : trimmed.split("/", -1)) {
      if (!ELEMENT.matcher(element).matches() || element.equals(".") || element.equals("..")) {
        throw new ConfigException(
            item.pathOf("prefix"),
            "must be a module path prefix such as git.corp.example.com/, got \"" + text + "\"");
      }
    }
    return trimmed + "/";
  }

  private static void checkTemplate(ListItem item, String url, String prefix, int elements) {
    String field = item.pathOf("url");
    Matcher m = PLACEHOLDER.matcher(url);
    int found = 0;
    while (m.find()) {
      String placeholder = m.group();
      if (!placeholder.equals(GitRepositoryTemplate.ROOT)
          && !placeholder.equals(GitRepositoryTemplate.PATH)) {
        throw new ConfigException(
            field,
            "unknown placeholder " + placeholder + " in \"" + url + "\" (use {root} or {path})");
      }
      found++;
    }
    String rest = m.replaceAll("");
    if (rest.contains("{") || rest.contains("}")) {
      throw new ConfigException(field, "unbalanced { or } in \"" + url + "\"");
    }
    if (found == 0) {
      throw new ConfigException(
          field, "\"" + url + "\" has no placeholder (use {root} and/or {path})");
    }
    String path = String.join("/", Collections.nCopies(elements, "repo"));
    String example =
        url.replace(GitRepositoryTemplate.ROOT, prefix + path)
            .replace(GitRepositoryTemplate.PATH, path);
    try {
      GitUrls.check(example, GitUrls.REPOSITORY_SCHEMES);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          field, "\"" + url + "\" gives \"" + example + "\", which " + e.getMessage());
    }
  }
}
