package io.goproxymirror.config.value;

import java.net.URI;

/**
 * The port of a URL the mirror connects to. {@link URI} accepts any digits as a port, so {@code
 * http://host:99999} parses; it is only refused when a request is built, long after the start.
 */
public final class UrlPort {
  static final int MAX = 65535;

  private UrlPort() {}

  /** Why the port of {@code uri} cannot be connected to, or null when it is absent or in 1..65535. */
  public static String problem(URI uri) {
    int port = uri.getPort();
    if (port == -1 || (port >= 1 && port <= MAX)) {
      return null;
    }
    return "port " + port + " out of range (1 to " + MAX + ")";
  }
}
