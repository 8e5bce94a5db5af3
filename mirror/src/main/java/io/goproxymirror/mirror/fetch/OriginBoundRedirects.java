package io.goproxymirror.mirror.fetch;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.impl.DefaultRedirectHandler;
import java.util.Optional;
import java.util.function.Function;

/**
 * Follows redirects as Vert.x does by default (which copies every request header to the next
 * request), except for {@code Authorization}: it is sent only to the origin the credentials were
 * configured for, whatever the hop, and removed from a request to any other origin.
 */
final class OriginBoundRedirects implements Function<HttpClientResponse, Future<RequestOptions>> {
  private final Function<HttpClientResponse, Future<RequestOptions>> followed = new DefaultRedirectHandler();
  private final Optional<WebOrigin> origin;
  private final String authorization;

  /** {@code authorization}: the header value for {@code origin}, or null when there are no credentials. */
  OriginBoundRedirects(Optional<WebOrigin> origin, String authorization) {
    this.origin = origin;
    this.authorization = authorization;
  }

  @Override
  public Future<RequestOptions> apply(HttpClientResponse response) {
    Future<RequestOptions> next = followed.apply(response);
    return next == null ? null : next.map(this::bound);
  }

  private RequestOptions bound(RequestOptions next) {
    if (next == null) {
      return null;
    }
    next.removeHeader(HttpHeaders.AUTHORIZATION);
    boolean ssl = Boolean.TRUE.equals(next.isSsl());
    int port = next.getPort() != null ? next.getPort() : ssl ? 443 : 80;
    if (authorization != null && next.getHost() != null && origin.isPresent()
        && origin.get().equals(new WebOrigin(ssl ? "https" : "http", next.getHost(), port))) {
      next.putHeader(HttpHeaders.AUTHORIZATION, authorization);
    }
    return next;
  }
}
