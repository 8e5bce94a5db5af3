package io.goproxymirror.mirror.http;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the process is in its shutdown, shared by {@code /readyz} ({@link OpsRoutes}) and every
 * {@link HttpVerticle}. {@link Phase#SERVING} until SIGTERM; then {@link Phase#DRAINING} for
 * {@code server.shutdown-delay}: {@code /readyz} answers 503 so that load balancers take the
 * replica out, every request is still served, and each connection that carries one is closed
 * after its answer ({@code Connection: close} over HTTP/1.1, GOAWAY over h2), so that clients
 * reconnect, and land on another replica; then {@link Phase#CLOSING}: the listeners are closed
 * and requests in flight finish, and a request that still reaches a handler is refused with 503.
 */
public final class ServerDrain {
  /** The phases, in the order they come; each only moves forward. */
  public enum Phase { SERVING, DRAINING, CLOSING }

  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.SERVING);

  /** The phase now. */
  public Phase phase() {
    return phase.get();
  }

  /** Whether {@code /readyz} should answer 503: the process is shutting down. */
  public boolean shuttingDown() {
    return phase.get() != Phase.SERVING;
  }

  /** Moves to {@link Phase#DRAINING}; true when this call did (not already draining or closing). */
  public boolean drain() {
    return phase.compareAndSet(Phase.SERVING, Phase.DRAINING);
  }

  /** Moves to {@link Phase#CLOSING}, from either earlier phase. */
  public void close() {
    phase.set(Phase.CLOSING);
  }
}
