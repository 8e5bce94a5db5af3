package io.goproxymirror.config.upstream;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code upstream-timeouts.*}: deadlines of one upstream fetch, per phase.
 *
 * @param connect {@code upstream-timeouts.connect}, default 5s
 * @param firstByte {@code upstream-timeouts.first-byte}, until response headers arrive, default 15s
 * @param idle {@code upstream-timeouts.idle}, between bytes of a body, default 30s
 * @param total {@code upstream-timeouts.total}, one fetch through the whole upstream list end to
 *     end, default 60s
 * @param overrides {@code upstream-timeouts.overrides}: per-upstream values (YAML only), at most one
 *     per URL; a URL that is in no upstream list is allowed and unused
 */
public record UpstreamTimeouts(
    Duration connect, Duration firstByte, Duration idle, Duration total, List<UpstreamTimeoutOverride> overrides) {

  public UpstreamTimeouts {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(firstByte, "firstByte");
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(total, "total");
    overrides = List.copyOf(overrides);
  }

  /** Without per-upstream overrides. */
  public UpstreamTimeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {
    this(connect, firstByte, idle, total, List.of());
  }

  /**
   * The deadlines for requests to {@code url} (an upstream URL as {@link UpstreamList#parse(String)}
   * returns it): the global values with the fields of its override, if any, in their place, and no
   * overrides. Its {@link #total()} is then the bound of the time spent on that upstream.
   */
  public UpstreamTimeouts forUpstream(String url) {
    for (UpstreamTimeoutOverride o : overrides) {
      if (o.url().equals(url)) {
        return new UpstreamTimeouts(
            o.connect().orElse(connect),
            o.firstByte().orElse(firstByte),
            o.idle().orElse(idle),
            o.total().orElse(total));
      }
    }
    return new UpstreamTimeouts(connect, firstByte, idle, total);
  }
}
