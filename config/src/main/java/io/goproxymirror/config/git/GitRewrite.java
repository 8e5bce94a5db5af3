package io.goproxymirror.config.git;

import java.util.Objects;

/**
 * One entry of {@code git.rewrites}: a repository URL that starts with {@link #from()} is fetched
 * from {@link #to()} followed by the rest of the URL, like Git's {@code url.<to>.insteadOf <from>}.
 * The first entry whose {@code from} matches wins; the prefix is compared as plain text, so end it
 * with {@code /} to match whole path elements. Rewrites apply once, before {@code git.credentials}
 * are looked up.
 *
 * @param from {@code from}: an absolute URL prefix (https, http, ssh, git or file), as written
 * @param to {@code to}: an absolute URL prefix (https, http, ssh, git or file), as written; {@code
 *     file:} is allowed because only operators write the configuration
 */
public record GitRewrite(String from, String to) {

  public GitRewrite {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** The URL with {@code from} replaced by {@code to}; unchanged if it does not start with it. */
  public String apply(String url) {
    return url.startsWith(from) ? to + url.substring(from.length()) : url;
  }
}
