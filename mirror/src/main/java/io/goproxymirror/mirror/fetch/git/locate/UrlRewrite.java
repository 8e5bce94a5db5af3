package io.goproxymirror.mirror.fetch.git.locate;

import java.util.Objects;

/**
 * One URL rewrite: a repository URL starting with {@code from} is fetched from {@code to} followed
 * by the rest of it (like Git's {@code url.<to>.insteadOf <from>}). Configured as {@code git:
 * rewrites: [{from: "https://github.com/", to: "http://127.0.0.1:18081/github.com/"}]}.
 *
 * @param from a URL prefix, not empty
 * @param to its replacement
 */
public record UrlRewrite(String from, String to) {
  /** Checks the rule; IllegalArgumentException if {@code from} is empty. */
  public UrlRewrite {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isEmpty()) {
      throw new IllegalArgumentException("url rewrite needs a non-empty 'from' prefix");
    }
  }

  /** Renders the rule with credentials removed from both URLs. */
  @Override
  public String toString() {
    return "UrlRewrite[from=" + SafeUrl.redact(from) + ", to=" + SafeUrl.redact(to) + "]";
  }
}
