package io.goproxymirror.mirror.fetch;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The origin of an http(s) URL: scheme, host and port (the scheme's default when none is given),
 * compared case-insensitively. Credentials configured for a URL are sent to its origin only, as
 * {@code curl -L} does: a redirect elsewhere is followed without them.
 */
public record WebOrigin(String scheme, String host, int port) {
  public WebOrigin {
    scheme = scheme.toLowerCase(Locale.ROOT);
    host = host.toLowerCase(Locale.ROOT);
  }

  /** The origin of {@code url}; empty when it is not an absolute http(s) URL with a host. */
  public static Optional<WebOrigin> of(String url) {
    try {
      return of(URI.create(url));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The origin of {@code uri}; empty when it is not an absolute http(s) URI with a host. */
  public static Optional<WebOrigin> of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      return Optional.empty();
    }
    int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return Optional.of(new WebOrigin(scheme, uri.getHost(), port));
  }
}
