package io.goproxymirror.config;

import java.time.Duration;

/**
 * {@code upstream-timeouts.*}: deadlines of one upstream fetch, per phase.
 *
 * @param connect {@code upstream-timeouts.connect}, default 5s
 * @param firstByte {@code upstream-timeouts.first-byte}, until response headers arrive, default 15s
 * @param idle {@code upstream-timeouts.idle}, between bytes of a body, default 30s
 * @param total {@code upstream-timeouts.total}, one fetch end to end, default 60s
 */
public record UpstreamTimeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {}
