package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.reactivex.rxjava3.core.Single;
import java.util.Locale;

/**
 * Produces what one request asks for: a body ({@code .info}, {@code .mod}, list, {@code @latest},
 * query), a zip that can be streamed while it is still being written, an artifact found in storage
 * or a remembered not-found. The miss path is a chain of these, each decorator holding the next and
 * calling down (see {@code Pipeline} for the order); a failure is one of the typed
 * {@link MirrorException}s.
 */
@FunctionalInterface
public interface ArtifactSource {
  /** Fetches {@code request}; cold: nothing is asked before subscription. */
  Single<Fetched> fetch(ProxyRequest request);

  /** The endpoint tag of {@code request} for metrics and messages: a query is an {@code info}. */
  static String endpointOf(ProxyRequest request) {
    return request.endpoint().name().toLowerCase(Locale.ROOT);
  }
}
