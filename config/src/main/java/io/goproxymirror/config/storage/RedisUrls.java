package io.goproxymirror.config.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Checks the Redis URLs of {@code metadata.redis.url} and {@code metadata.redis.endpoints}: {@code
 * redis://[user@]host[:port][/db]}, or {@code rediss://} for TLS. A user name (Redis ACL user) is
 * allowed; a password is not, neither in the userinfo nor as a {@code password} query parameter,
 * because configuration is logged and shared: it comes from {@code metadata.redis.password-env}
 * or {@code metadata.redis.password-file}. Messages never repeat the URL.
 */
public final class RedisUrls {

  static final String NO_PASSWORD =
      "must not contain a password; name an environment variable holding it in"
          + " metadata.redis.password-env, or a file in metadata.redis.password-file";

  private RedisUrls() {}

  /**
   * @return {@code text} stripped
   * @throws IllegalArgumentException with a one-line reason that does not repeat the URL
   */
  static String check(String text) {
    String url = text.strip();
    if (hasPassword(url)) {
      throw new IllegalArgumentException(NO_PASSWORD);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new IllegalArgumentException(
          "must start with redis:// (or rediss:// for TLS), such as redis://redis.example.com:6379");
    }
    String query = uri.getRawQuery();
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("has no host name (expected redis://host:port)");
    }
    if (query != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "query parameters and fragments are not supported (write the database as a path: /1)");
    }
    database(url);
    return url;
  }

  /**
   * The comma-separated URLs of {@code text}, each {@link #check checked}; empty for blank text.
   */
  static List<String> checkList(String text) {
    List<String> urls = new ArrayList<>();
    if (text.isBlank()) {
      return urls;
    }
    String[] entries = text.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      if (entries[i].isBlank()) {
        throw new IllegalArgumentException("empty entry " + (i + 1));
      }
      try {
        urls.add(check(entries[i]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entry " + (i + 1) + " " + e.getMessage());
      }
    }
    return urls;
  }

  /**
   * Whether the authority's userinfo has a {@code :} (user:password@ or :password@) or the query
   * names a password. Read from the raw text, so that it also holds for text that is not a URI.
   */
  private static boolean hasPassword(String url) {
    int start = url.indexOf("://");
    int from = start < 0 ? 0 : start + 3;
    int end = from;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String authority = url.substring(from, end);
    int at = authority.lastIndexOf('@');
    boolean userinfoPassword = at >= 0 && authority.substring(0, at).contains(":");
    return userinfoPassword || url.toLowerCase(Locale.ROOT).matches("[^?#]*\\?(.*&)?password=.*");
  }

  /** Whether the URL asks for TLS ({@code rediss://}). */
  public static boolean tls(String url) {
    return url.regionMatches(true, 0, "rediss:", 0, 7);
  }

  /** The database number in the URL's path, if any. */
  public static OptionalInt database(String url) {
    String path = URI.create(url).getPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return OptionalInt.empty();
    }
    if (!path.matches("/\\d{1,4}")) {
      throw new IllegalArgumentException(
          "the path may only be a database number such as /0, got \"" + path + "\"");
    }
    return OptionalInt.of(Integer.parseInt(path.substring(1)));
  }
}
