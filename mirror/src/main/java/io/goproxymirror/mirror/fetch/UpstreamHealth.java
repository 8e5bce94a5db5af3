package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The circuit breaker of one upstream proxy. Closed, every request goes through and consecutive
 * failures are counted; at {@code failuresToOpen} it opens and requests are refused at once. After
 * {@code openFor} one request is let through (half-open); its success closes the circuit, its
 * failure opens it again. A successful probe closes it from any state. Thread-safe.
 */
public final class UpstreamHealth {
  /** Circuit states; {@link #code()} is the value of {@code goproxy_mirror_upstream_state}. */
  public enum State {
    CLOSED, OPEN, HALF_OPEN;

    /** 0 closed, 1 open, 2 half-open. */
    public int code() {
      return ordinal();
    }
  }

  private final String name;
  private final int failuresToOpen;
  private final Duration openFor;
  private final Clock clock;
  private final MirrorMetrics metrics;
  private State state = State.CLOSED;
  private int consecutiveFailures;
  private long failures;
  private long successes;
  private String lastFailure;
  private Instant openedAt;
  private boolean trialInFlight;

  /** {@code name}: the upstream's name without credentials. */
  public UpstreamHealth(String name, int failuresToOpen, Duration openFor, Clock clock, MirrorMetrics metrics) {
    this.name = name;
    this.failuresToOpen = failuresToOpen;
    this.openFor = openFor;
    this.clock = clock;
    this.metrics = metrics;
    metrics.upstreamState(name, () -> state().code());
  }

  /** The upstream's name (host, port and path; never credentials). */
  public String name() {
    return name;
  }

  public synchronized State state() {
    return state;
  }

  /**
   * Whether a request may go to the upstream now. Open past {@code openFor}, the circuit turns
   * half-open and admits exactly one trial request until that request reports back.
   */
  public synchronized boolean admit() {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (clock.instant().isBefore(openedAt.plus(openFor))) {
          return false;
        }
        state = State.HALF_OPEN;
        trialInFlight = true;
        return true;
      default:
        if (trialInFlight) {
          return false;
        }
        trialInFlight = true;
        return true;
    }
  }

  /** The upstream answered (200, 404/410 or another non-failure status): closes the circuit. */
  public synchronized void succeeded() {
    successes++;
    consecutiveFailures = 0;
    trialInFlight = false;
    state = State.CLOSED;
    openedAt = null;
  }

  /** One failed attempt of {@code kind} (connect, timeout, status_5xx, rate_limited, error). */
  public synchronized void failed(String kind, String reason) {
    failures++;
    consecutiveFailures++;
    lastFailure = reason;
    trialInFlight = false;
    metrics.upstreamFailure(name, kind);
    if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= failuresToOpen)) {
      state = State.OPEN;
      openedAt = clock.instant();
    }
  }

  /** A failed probe: keeps an open circuit open and remembers the reason. */
  public synchronized void probeFailed(String reason) {
    lastFailure = "probe: " + reason;
    if (state == State.HALF_OPEN && !trialInFlight) {
      state = State.OPEN;
      openedAt = clock.instant();
    }
  }

  /** The client-facing reason an open circuit refused a request. */
  public synchronized String unavailableReason() {
    return "upstream " + name + " is unavailable: " + consecutiveFailures + " consecutive failures"
        + (lastFailure == null ? "" : ", last: " + lastFailure);
  }

  /** The {@code /status/upstreams} entry of this upstream. */
  public synchronized JsonObject status() {
    return new JsonObject()
        .put("upstream", name)
        .put("state", state.name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .put("consecutiveFailures", consecutiveFailures)
        .put("failures", failures)
        .put("successes", successes)
        .put("lastFailure", lastFailure)
        .put("openedAt", openedAt == null ? null : openedAt.toString());
  }
}
