package io.goproxymirror.config.git;

import io.goproxymirror.config.source.ListItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the entries of {@code git.rewrites}. Both keys are required and are absolute URL
 * prefixes ({@link GitUrls}); a {@code from} that an earlier {@code from} already covers is an
 * error, since the first match wins.
 */
public final class GitRewrites {

  private static final List<String> REQUIRED = List.of("from", "to");

  private GitRewrites() {}

  public static List<GitRewrite> parse(List<ListItem> items) {
    List<GitRewrite> rewrites = new ArrayList<>();
    for (ListItem item : items) {
      String from = item.required("from", REQUIRED);
      String to = item.required("to", REQUIRED);
      GitUrls.check(item, "from", from, GitUrls.REPOSITORY_SCHEMES);
      GitUrls.check(item, "to", to, GitUrls.REPOSITORY_SCHEMES);
      rewrites.add(new GitRewrite(from, to));
    }
    PrefixOrder.check(items, rewrites.stream().map(GitRewrite::from).toList(), "from");
    return List.copyOf(rewrites);
  }
}
