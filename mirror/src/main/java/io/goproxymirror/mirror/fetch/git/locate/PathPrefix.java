package io.goproxymirror.mirror.fetch.git.locate;

/** Import path prefixes on element boundaries, as the go command's {@code str.HasPathPrefix}. */
final class PathPrefix {
  private PathPrefix() {}

  /**
   * Whether {@code prefix} is {@code path} itself or a leading run of its elements: the empty prefix
   * matches everything, and a prefix ending in {@code /} matches the paths that start with it.
   */
  static boolean matches(String path, String prefix) {
    if (path.length() == prefix.length()) {
      return path.equals(prefix);
    }
    if (prefix.isEmpty()) {
      return true;
    }
    if (path.length() < prefix.length() || !path.startsWith(prefix)) {
      return false;
    }
    return prefix.endsWith("/") || path.charAt(prefix.length()) == '/';
  }
}
