package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.tls.TlsServers;
import java.time.Duration;
import java.util.Optional;

/**
 * What one {@link HttpVerticle} listens with.
 *
 * @param host the listen address
 * @param port the listen port (already resolved when the configuration said 0)
 * @param headerTimeout the longest a client may take to send a request's line and headers; with
 *     TLS, also the longest its handshake may take
 * @param shutdownDelay how long the server keeps serving once the process began to shut down
 *     ({@link ServerDrain}), before the verticle stops
 * @param shutdownTimeout how long requests in flight may finish when the verticle stops
 * @param tls the certificate holder when HTTPS is served; empty for plain HTTP
 */
public record HttpSettings(
    String host, int port, Duration headerTimeout, Duration shutdownDelay, Duration shutdownTimeout,
    Optional<TlsServers> tls) {

  /** {@code https} or {@code http}. */
  public String scheme() {
    return tls.isPresent() ? "https" : "http";
  }
}
