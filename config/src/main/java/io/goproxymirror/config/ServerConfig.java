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
 * @param shutdownTimeout {@code server.shutdown-timeout}, default 20s: on SIGTERM, how long the
 *     server, which no longer accepts connections, lets requests in flight finish before it closes
 *     their connections
 * @param tls {@code server.tls.*}: HTTPS on {@code port} when set, {@link ServerTlsConfig#OFF} for
 *     plain HTTP
 */
public record ServerConfig(
    String host, int port, int instances, Duration headerTimeout, Duration shutdownTimeout, ServerTlsConfig tls) {

  public ServerConfig {
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(tls, "tls");
  }
}
