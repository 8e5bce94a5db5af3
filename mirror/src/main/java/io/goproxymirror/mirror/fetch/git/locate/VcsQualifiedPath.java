package io.goproxymirror.mirror.fetch.git.locate;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The go command's "general syntax for any server": {@code host/path.vcs[/sub...]} with vcs one of
 * bzr, fossil, git, hg, svn. The root ends at the first element carrying the suffix and the URL is
 * {@code https://host/path} (suffix dropped). The go command probes the tool's secure schemes and
 * starts with https; the mirror uses https without probing (rewrites can change it).
 *
 * <p>Written as a scan rather than the go command's regular expression, whose nested repetition
 * would backtrack exponentially in Java on hostile input. Unlike that unanchored expression, the
 * match must start at the beginning of the path.
 */
final class VcsQualifiedPath {
  private static final List<String> KINDS = List.of("bzr", "fossil", "git", "hg", "svn");

  private VcsQualifiedPath() {}

  static Optional<RepoRoot> lookup(String importPath) {
    String[] elems = importPath.split("/", -1);
    if (elems.length < 2 || !isHost(elems[0])) {
      return Optional.empty();
    }
    for (int i = 1; i < elems.length; i++) {
      if (!isElement(elems[i])) {
        return Optional.empty();
      }
    }
    for (int i = 1; i < elems.length; i++) {
      for (String kind : KINDS) {
        String e = elems[i];
        String stem = e.substring(0, Math.max(0, e.length() - kind.length() - 1));
        if (e.endsWith("." + kind) && isElement(stem)) {
          String root = String.join("/", Arrays.copyOfRange(elems, 0, i + 1));
          String repo = root.substring(0, root.length() - kind.length() - 1);
          return Optional.of(new RepoRoot(root, "https://" + repo, kind));
        }
      }
    }
    return Optional.empty();
  }

  /** A lower-case host name with an inner dot, optionally with {@code :port}. */
  private static boolean isHost(String e) {
    int colon = e.indexOf(':');
    String name = colon < 0 ? e : e.substring(0, colon);
    if (colon >= 0
        && (colon == e.length() - 1 || !e.substring(colon + 1).chars().allMatch(c -> c >= '0' && c <= '9'))) {
      return false;
    }
    boolean chars = name.chars()
        .allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-');
    if (name.length() < 3 || !chars) {
      return false;
    }
    int dot = name.indexOf('.', 1);
    return dot > 0 && dot < name.length() - 1;
  }

  /** A path element: an optional leading {@code ~} and then letters, digits, {@code _ . -}. */
  private static boolean isElement(String e) {
    String rest = e.startsWith("~") ? e.substring(1) : e;
    return !rest.isEmpty() && rest.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-');
  }
}
