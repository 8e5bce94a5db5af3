package io.goproxymirror.mirror.fetch;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code interval}, probes each upstream whose circuit is not closed with a GET of its base
 * URL. Any HTTP answer below 500 (even 404) means the upstream is reachable and closes the circuit;
 * a 5xx, connect error or timeout keeps it open (a server that answers 5xx is up but broken, and
 * closing on it would let the next clients pay for {@code failures-to-open} more failures).
 */
public final class UpstreamProber {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamProber.class);
  private final Vertx vertx;
  private final Duration interval;
  private final List<GuardedUpstream> upstreams;
  private long timer = -1;

  public UpstreamProber(Vertx vertx, Duration interval, List<GuardedUpstream> upstreams) {
    this.vertx = vertx;
    this.interval = interval;
    this.upstreams = List.copyOf(upstreams);
  }

  /** Starts the periodic probes (no-op without proxy upstreams). */
  public synchronized void start() {
    if (timer < 0 && !upstreams.isEmpty()) {
      timer = vertx.setPeriodic(ProxyUpstream.millis(interval), id -> probeOpen());
    }
  }

  /** Stops the periodic probes. */
  public synchronized void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Probes every upstream whose circuit is open or half-open, once. */
  public void probeOpen() {
    for (GuardedUpstream guarded : upstreams) {
      UpstreamHealth health = guarded.health();
      if (health.state() == UpstreamHealth.State.CLOSED) {
        continue;
      }
      guarded.upstream().get("").onComplete(ar -> {
        if (ar.succeeded() && ar.result().statusCode() >= 500) {
          ar.result().request().reset();
          health.probeFailed("answered " + ar.result().statusCode());
        } else if (ar.succeeded()) {
          ar.result().request().reset();
          health.succeeded();
          LOG.info("event=upstream_recovered upstream={} probe_status={}", health.name(), ar.result().statusCode());
        } else {
          health.probeFailed(String.valueOf(ar.cause().getMessage()));
          LOG.debug("event=upstream_probe_failed upstream={} reason=\"{}\"", health.name(), ar.cause().getMessage());
        }
      });
    }
  }
}
