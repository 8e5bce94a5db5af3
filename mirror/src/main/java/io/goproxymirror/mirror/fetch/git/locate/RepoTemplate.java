package io.goproxymirror.mirror.fetch.git.locate;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A team-configured rule: module paths under {@code prefix} live in repositories named by the next
 * {@code elements} path elements, fetched from {@code url}. In {@code url}, {@code {root}} stands for
 * the repository's import path and {@code {path}} for the part of it after the prefix. Example:
 * prefix {@code git.corp.example.com}, elements 2, url {@code
 * ssh://git@git.corp.example.com:2222/{path}.git} maps {@code git.corp.example.com/team/lib/sub} to
 * root {@code git.corp.example.com/team/lib} at {@code ssh://git@git.corp.example.com:2222/team/lib.git}.
 *
 * @param prefix an import path prefix, matched on element boundaries; one trailing {@code /} is
 *     ignored
 * @param elements how many path elements after the prefix name the repository (0: the prefix
 *     itself is the repository)
 * @param url the repository URL template; placeholders other than {@code {root}} and {@code {path}}
 *     are rejected
 */
public record RepoTemplate(String prefix, int elements, String url) {
  /** How many elements name a repository when the configuration does not say. */
  public static final int DEFAULT_ELEMENTS = 2;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  /** Checks the rule; IllegalArgumentException with a one-line reason if it is unusable. */
  public RepoTemplate {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(url, "url");
    prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (prefix.isEmpty() || prefix.startsWith("/") || prefix.contains("//")) {
      throw new IllegalArgumentException("repository template prefix must be an import path prefix");
    }
    if (elements < 0) {
      throw new IllegalArgumentException("repository template elements must be 0 or more: " + elements);
    }
    if (url.isBlank()) {
      throw new IllegalArgumentException("repository template for " + prefix + " has no url");
    }
    Matcher m = PLACEHOLDER.matcher(url);
    while (m.find()) {
      if (!m.group(1).equals("root") && !m.group(1).equals("path")) {
        throw new IllegalArgumentException("repository template for " + prefix
            + " has unknown placeholder {" + m.group(1) + "} (use {root} or {path})");
      }
    }
  }

  /** A rule with {@value #DEFAULT_ELEMENTS} repository elements. */
  public RepoTemplate(String prefix, String url) {
    this(prefix, DEFAULT_ELEMENTS, url);
  }

  /** Renders the rule with credentials removed from the URL template. */
  @Override
  public String toString() {
    return "RepoTemplate[prefix=" + prefix + ", elements=" + elements + ", url=" + SafeUrl.redact(url) + "]";
  }
}
