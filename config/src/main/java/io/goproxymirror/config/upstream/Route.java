package io.goproxymirror.config.upstream;

import io.goproxymirror.gomod.PathPatterns;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code routes}: modules matching {@code pattern} use its upstream list and negative
 * TTL instead of the global ones. At least one of the two is set. The upstream list is parsed once,
 * when the route is made: {@link #upstreamList()} holds its entries, {@link #upstream()} its text.
 */
public final class Route {

  private final PathPatterns pattern;
  private final Optional<GoproxyList> upstreamList;
  private final Optional<Duration> negativeTtl;

  /**
   * @param pattern {@code pattern}: GOPRIVATE-style globs, never empty
   * @param upstream {@code upstream}: a GOPROXY list as written, parsed by {@link
   *     GoproxyList#parse(String)}; empty keeps the global {@code upstream}
   * @param negativeTtl {@code negative-ttl}: how long a not-found answer for a matching module is
   *     kept; empty keeps {@code cache.negative-ttl}
   * @throws IllegalArgumentException when the upstream list is invalid or nothing would change
   */
  public Route(PathPatterns pattern, Optional<String> upstream, Optional<Duration> negativeTtl) {
    this(pattern, Objects.requireNonNull(upstream, "upstream").map(GoproxyList::parse).orElse(null),
        negativeTtl);
  }

  private Route(PathPatterns pattern, GoproxyList upstreamList, Optional<Duration> negativeTtl) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.upstreamList = Optional.ofNullable(upstreamList);
    this.negativeTtl = Objects.requireNonNull(negativeTtl, "negativeTtl");
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("a route needs at least one glob");
    }
    if (this.upstreamList.isEmpty() && negativeTtl.isEmpty()) {
      throw new IllegalArgumentException("a route needs an upstream or a negative-ttl");
    }
  }

  /** A route with an upstream list that is already parsed. */
  public static Route of(
      PathPatterns pattern, Optional<GoproxyList> upstreamList, Optional<Duration> negativeTtl) {
    return new Route(pattern, upstreamList.orElse(null), negativeTtl);
  }

  /** {@code pattern}: GOPRIVATE-style globs, never empty. */
  public PathPatterns pattern() {
    return pattern;
  }

  /** {@code upstream} parsed: its entries and its text; empty keeps the global {@code upstream}. */
  public Optional<GoproxyList> upstreamList() {
    return upstreamList;
  }

  /** {@code upstream} as written; empty keeps the global {@code upstream}. */
  public Optional<String> upstream() {
    return upstreamList.map(GoproxyList::text);
  }

  /** {@code negative-ttl}; empty keeps {@code cache.negative-ttl}. */
  public Optional<Duration> negativeTtl() {
    return negativeTtl;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Route other
        && pattern.equals(other.pattern)
        && upstreamList.equals(other.upstreamList)
        && negativeTtl.equals(other.negativeTtl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pattern, upstreamList, negativeTtl);
  }

  /** Userinfo in the upstream URLs is hidden, so routes can be logged. */
  @Override
  public String toString() {
    return "Route[pattern="
        + pattern
        + ", upstream="
        + upstreamList.map(GoproxyList::redacted).orElse("(global)")
        + ", negativeTtl="
        + negativeTtl.map(Duration::toString).orElse("(global)")
        + "]";
  }
}
