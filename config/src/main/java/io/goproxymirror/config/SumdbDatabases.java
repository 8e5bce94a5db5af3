package io.goproxymirror.config;

import io.goproxymirror.config.value.UrlPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses {@code sumdb.databases}: a comma-separated list of {@code name=url}. A name is what the go
 * command puts after {@code /sumdb/}: a host-like name of letters, digits, {@code .}, {@code -}
 * and {@code _}, starting and ending with a letter or digit (no {@code /}, {@code +} or white
 * space, which the go command's note names refuse). The URL is http or https with a host, no user
 * information, query or fragment; a trailing {@code /} is dropped. Names are unique. Empty means
 * the mirror proxies no database.
 */
public final class SumdbDatabases {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?");

  private SumdbDatabases() {}

  /**
   * @throws IllegalArgumentException with a one-line reason for the first bad entry
   */
  public static List<SumdbDatabase> parse(String text) {
    List<SumdbDatabase> databases = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String entry : text.split(",", -1)) {
      String item = entry.strip();
      if (item.isEmpty()) {
        if (text.isBlank()) {
          continue;
        }
        throw new IllegalArgumentException("empty entry in \"" + text.strip() + "\"; expected name=url,...");
      }
      int eq = item.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("entry \"" + item + "\" must be name=url");
      }
      String name = item.substring(0, eq).strip();
      if (!NAME.matcher(name).matches() || name.contains("..")) {
        throw new IllegalArgumentException("invalid checksum database name \"" + name
            + "\": use letters, digits, '.', '-' and '_', such as sum.golang.org");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("checksum database \"" + name + "\" is listed twice");
      }
      databases.add(new SumdbDatabase(name, url(name, item.substring(eq + 1).strip())));
    }
    return List.copyOf(databases);
  }

  private static String url(String name, String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("URL of checksum database \"" + name + "\" is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("URL of checksum database \"" + name + "\" must be http or https");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "URL of checksum database \"" + name + "\" must not contain user information");
    }
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "URL of checksum database \"" + name + "\" needs a host and no query or fragment");
    }
    String portProblem = UrlPort.problem(uri);
    if (portProblem != null) {
      throw new IllegalArgumentException("URL of checksum database \"" + name + "\" has " + portProblem);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return scheme + "://" + uri.getRawAuthority() + path;
  }
}
