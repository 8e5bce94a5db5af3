package io.goproxymirror.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code server.*}.
 *
 * @param host {@code server.host}, listen address, default {@code 0.0.0.0}
 * @param port {@code server.port} (env {@code MIRROR_PORT}), default 3000; 0 picks a free port
 * @param instances {@code server.instances}, HTTP verticle instances (event loops), default 0 =
 *     one per CPU core
 * @param headerTimeout {@code server.header-timeout}, default 10s: the longest a client may take
 *     to send a request's line and headers once its connection is open or its previous request
 *     was answered; separate from the idle timeout of a connection between requests
 * @param shutdownDelay {@code server.shutdown-delay}, default 5s, zero or more: on SIGTERM,
 *     {@code /readyz} answers 503 at once and the server keeps serving for this long, so that the
 *     load balancer's endpoints are updated before it stops accepting connections
 * @param shutdownTimeout {@code server.shutdown-timeout}, default 30s: after the delay, how long
 *     the server, which no longer accepts connections, lets requests in flight finish before it
 *     closes their connections
 * @param tls {@code server.tls.*}: HTTPS on {@code port} when set, {@link ServerTlsConfig#OFF} for
 *     plain HTTP
 */
public record ServerConfig(
    String host, int port, int instances, Duration headerTimeout, Duration shutdownDelay, Duration shutdownTimeout,
    ServerTlsConfig tls) {

  public ServerConfig {
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(shutdownDelay, "shutdownDelay");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(tls, "tls");
  }
}
