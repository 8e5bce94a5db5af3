package io.goproxymirror.config.git;

import io.goproxymirror.config.source.ListItem;
import io.goproxymirror.config.value.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Checks the repository URLs and URL prefixes of the {@code git} section. They are absolute URLs
 * ({@code https://host/...}, {@code ssh://git@host:2222/...}, {@code git://host/...}, {@code
 * file:///srv/git/...}); scp-like {@code git@host:path} is not accepted. http, https and git URLs
 * carry no user information and ssh URLs at most a user name: secrets belong in {@code
 * git.credentials}, which names where they are.
 */
final class GitUrls {

  /** Every scheme a repository URL may have. */
  static final List<String> REPOSITORY_SCHEMES = List.of("https", "http", "ssh", "git", "file");

  private GitUrls() {}

  /**
   * Checks the URL in key {@code field} of {@code item}.
   *
   * @param schemes the schemes allowed here, lower case
   * @return the URL's scheme in lower case
   * @throws ConfigException naming the key, the URL (userinfo hidden) and the problem
   */
  static String check(ListItem item, String field, String url, List<String> schemes) {
    try {
      return check(url, schemes);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(item.pathOf(field), "\"" + url + "\" " + e.getMessage());
    }
  }

  /**
   * @param text the URL or URL prefix, stripped
   * @param schemes the schemes allowed here, lower case
   * @return the URL's scheme in lower case
   * @throws IllegalArgumentException with the problem as the rest of a sentence whose subject is
   *     the URL ({@code has no valid host})
   */
  static String check(String text, List<String> schemes) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a valid URL (" + e.getReason() + ")");
    }
    if (uri.getScheme() == null) {
      throw new IllegalArgumentException(
          "is not an absolute URL (write it like https://host/path)");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!schemes.contains(scheme)) {
      throw new IllegalArgumentException(
          "has unsupported scheme " + scheme + " (use " + String.join(", ", schemes) + ")");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("must not have a query or fragment");
    }
    if (scheme.equals("file")) {
      String path = uri.getPath();
      if (uri.getRawAuthority() != null || path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException(
            "needs an absolute path and no host, such as file:///srv/git/");
      }
      return scheme;
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("has no valid host");
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && (!scheme.equals("ssh") || userInfo.contains(":"))) {
      throw new IllegalArgumentException(
          scheme.equals("ssh")
              ? "must not contain a password (use ssh-key-file in git.credentials)"
              : "must not contain user information (put the token in git.credentials)");
    }
    return scheme;
  }
}
