package io.goproxymirror.config.upstream;

import io.goproxymirror.config.value.Redaction;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code upstream-timeouts.overrides}: deadlines for requests to one upstream that
 * replace the global {@code upstream-timeouts.*} values. Fields left out keep the global value.
 *
 * @param url {@code url}: the upstream as {@link UpstreamList#parse(String)} normalizes it (scheme
 *     added, trailing slashes removed), so it matches the entry of a GOPROXY list with the same URL
 * @param connect {@code connect}
 * @param firstByte {@code first-byte}
 * @param idle {@code idle}
 * @param total {@code total}: the time spent on this upstream, retries included; the whole fetch
 *     through the list stays bounded by the global {@code upstream-timeouts.total}
 */
public record UpstreamTimeoutOverride(
    String url,
    Optional<Duration> connect,
    Optional<Duration> firstByte,
    Optional<Duration> idle,
    Optional<Duration> total) {

  public UpstreamTimeoutOverride {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(firstByte, "firstByte");
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(total, "total");
  }

  /** Userinfo in the URL is hidden, so entries can be logged. */
  @Override
  public String toString() {
    return "UpstreamTimeoutOverride[url=" + Redaction.userinfo(url) + ", connect=" + connect
        + ", firstByte=" + firstByte + ", idle=" + idle + ", total=" + total + "]";
  }
}
