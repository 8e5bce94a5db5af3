package io.goproxymirror.mirror.fetch.git.locate;

/** Small checks on repository URLs and paths taken from go-import tags. */
final class RepoUrls {
  private RepoUrls() {}

  /**
   * The scheme of {@code url} as Go's {@code url.Parse} sees it: a letter, then letters, digits,
   * {@code + - .}, up to the first {@code :}; empty when there is none (as for scp-like {@code
   * git@host:path}).
   */
  static String scheme(String url) {
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
      if (letter || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
        continue;
      }
      return c == ':' && i > 0 ? url.substring(0, i) : "";
    }
    return "";
  }

  /** A non-empty slash-separated relative path without empty, {@code .} or {@code ..} elements. */
  static boolean isCleanRelativePath(String path) {
    if (path.isEmpty() || path.contains("\\")) {
      return false;
    }
    for (String e : path.split("/", -1)) {
      if (e.isEmpty() || e.equals(".") || e.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
