package io.goproxymirror.config.git;

import java.util.Objects;

/**
 * One entry of {@code git.repositories}: where the repositories of modules under a path prefix
 * are, for hosts the go command's well-known list and {@code ?go-get=1} lookup do not cover. The
 * first entry whose prefix the module path starts with wins.
 *
 * <p>For module {@code git.corp.example.com/team/repo/sub/v2}, prefix {@code
 * git.corp.example.com/} and 2 elements, the repository root is {@code
 * git.corp.example.com/team/repo} and its path after the prefix {@code team/repo}; the template
 * {@code ssh://git@git.corp.example.com:2222/{path}.git} then gives {@code
 * ssh://git@git.corp.example.com:2222/team/repo.git}. A module path with fewer elements after the
 * prefix has no repository here.
 *
 * @param prefix {@code prefix}: a module path prefix, always ending with {@code /} (added if the
 *     file leaves it out), so it matches whole path elements
 * @param url {@code url}: a URL template with {@code {root}} (the repository root module path)
 *     and/or {@code {path}} (the root without the prefix); scheme https, http, ssh, git or file
 * @param elements {@code elements}: path elements after the prefix that name the repository,
 *     1..16, default 2
 */
public record GitRepositoryTemplate(String prefix, String url, int elements) {

  /** The placeholder for the repository root module path. */
  public static final String ROOT = "{root}";

  /** The placeholder for the repository root without the prefix. */
  public static final String PATH = "{path}";

  public GitRepositoryTemplate {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(url, "url");
    if (!prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must end with /");
    }
  }
}
