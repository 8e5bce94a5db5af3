package io.goproxymirror.mirror.fetch.git.locate;

/** Renders repository URLs for messages and logs without credentials. */
final class SafeUrl {
  private SafeUrl() {}

  /**
   * {@code url} with credentials replaced by {@code ***}: for {@code scheme://} URLs the user-info
   * of the authority, for anything else (scp-like {@code user@host:path}, opaque forms) all text up
   * to the last {@code @}.
   */
  static String redact(String url) {
    if (url == null) {
      return "";
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      int at = url.lastIndexOf('@');
      return at < 0 ? url : "***" + url.substring(at);
    }
    int start = scheme + 3;
    int end = url.length();
    for (int i = start; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    int at = url.lastIndexOf('@', end - 1);
    return at < start ? url : url.substring(0, start) + "***" + url.substring(at);
  }
}
