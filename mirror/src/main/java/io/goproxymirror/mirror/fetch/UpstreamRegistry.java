package io.goproxymirror.mirror.fetch;

import io.goproxymirror.config.upstream.UpstreamHealthConfig;
import io.goproxymirror.config.upstream.UpstreamList;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link GuardedUpstream} per distinct upstream URL, whichever upstream lists name it: the
 * global list and every route share its client, circuit breaker, metrics, probes and status entry.
 * Not thread-safe while lists are being built; read-only afterwards.
 */
public final class UpstreamRegistry {
  /** Creates the client of one upstream URL. */
  @FunctionalInterface
  public interface UpstreamFactory {
    ProxyUpstream create(String url);
  }

  private final UpstreamFactory factory;
  private final UpstreamHealthConfig health;
  private final RetryPolicy retries;
  private final MirrorMetrics metrics;
  private final Clock clock;
  private final Map<String, GuardedUpstream> byUrl = new LinkedHashMap<>();

  public UpstreamRegistry(UpstreamFactory factory, UpstreamHealthConfig health, RetryPolicy retries,
      MirrorMetrics metrics, Clock clock) {
    this.factory = factory;
    this.health = health;
    this.retries = retries;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * The upstream for {@code url} (as {@link UpstreamList} normalizes it),
   * created on first use.
   *
   * @throws IllegalArgumentException when a different URL already has the same name (host, port
   *     and path; for example the same proxy with other credentials), since names key the metrics
   *     and the status page
   */
  public synchronized GuardedUpstream upstream(String url) {
    GuardedUpstream known = byUrl.get(url);
    if (known != null) {
      return known;
    }
    ProxyUpstream upstream = factory.create(url);
    for (GuardedUpstream other : byUrl.values()) {
      if (other.upstream().name().equals(upstream.name())) {
        throw new IllegalArgumentException("upstream " + upstream.name()
            + " is named with two different URLs (scheme or credentials differ); use one URL for it everywhere");
      }
    }
    UpstreamHealth state = new UpstreamHealth(
        upstream.name(), health.failuresToOpen(), health.openFor(), clock, metrics);
    GuardedUpstream guarded = new GuardedUpstream(upstream, state, retries, metrics);
    byUrl.put(url, guarded);
    return guarded;
  }

  /** Every upstream, in the order first named. */
  public synchronized List<GuardedUpstream> all() {
    return List.copyOf(byUrl.values());
  }
}
