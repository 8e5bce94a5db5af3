package io.goproxymirror.config;

import io.goproxymirror.gomod.PathPatterns;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code routes}: modules matching {@code pattern} use its upstream list and negative
 * TTL instead of the global ones. At least one of the two is set.
 *
 * @param pattern {@code pattern}: GOPRIVATE-style globs, never empty
 * @param upstream {@code upstream}: a GOPROXY list as written, checked by {@link
 *     UpstreamList#parse(String)}; empty keeps the global {@code upstream}
 * @param negativeTtl {@code negative-ttl}: how long a not-found answer for a matching module is
 *     kept; empty keeps {@code cache.negative-ttl}
 */
public record Route(PathPatterns pattern, Optional<String> upstream, Optional<Duration> negativeTtl) {

  public Route {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(negativeTtl, "negativeTtl");
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("a route needs at least one glob");
    }
    if (upstream.isEmpty() && negativeTtl.isEmpty()) {
      throw new IllegalArgumentException("a route needs an upstream or a negative-ttl");
    }
  }

  /** Userinfo in the upstream URLs is hidden, so routes can be logged. */
  @Override
  public String toString() {
    return "Route[pattern="
        + pattern
        + ", upstream="
        + upstream.map(UpstreamList::redact).orElse("(global)")
        + ", negativeTtl="
        + negativeTtl.map(Duration::toString).orElse("(global)")
        + "]";
  }
}
