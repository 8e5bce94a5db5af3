package io.goproxymirror.mirror.http;

import io.vertx.core.http.HttpServerRequest;

/**
 * The request path exactly as the client sent it (still percent-encoded, query removed), taken
 * from the request target without any decoding, so that even an undecodable path can be parsed
 * strictly and answered with a clear 400.
 */
public final class RawPath {
  private RawPath() {}

  /** Whether every {@code %} of the request target starts a two-digit hex escape. */
  static boolean wellEscaped(HttpServerRequest request) {
    String uri = request.uri();
    if (uri == null) {
      return false;
    }
    for (int i = 0; i < uri.length(); i++) {
      if (uri.charAt(i) == '%') {
        if (i + 2 >= uri.length() || !hex(uri.charAt(i + 1)) || !hex(uri.charAt(i + 2))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** The raw path of {@code request}: percent-encoded, query removed, absolute-form target cut to its path. */
  public static String of(HttpServerRequest request) {
    String uri = request.uri();
    if (uri == null) {
      return "";
    }
    int scheme = uri.indexOf("://");
    if (scheme > 0 && scheme < 8) {
      int slash = uri.indexOf('/', scheme + 3);
      uri = slash < 0 ? "/" : uri.substring(slash);
    }
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }
}
