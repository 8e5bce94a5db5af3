package io.goproxymirror.mirror.fetch.git.locate;

import java.util.List;

/**
 * The configured {@link UrlRewrite}s, applied to repository URLs before fetching. The first rule
 * (in configured order) whose {@code from} is a prefix of the URL wins, and only one rule applies.
 */
public final class UrlRewrites {
  private final List<UrlRewrite> rules;

  /** @param rules in the order they are tried */
  public UrlRewrites(List<UrlRewrite> rules) {
    this.rules = List.copyOf(rules);
  }

  /** {@code url} rewritten by the first matching rule, or unchanged. */
  public String apply(String url) {
    for (UrlRewrite rule : rules) {
      if (url.startsWith(rule.from())) {
        return rule.to() + url.substring(rule.from().length());
      }
    }
    return url;
  }
}
