package io.goproxymirror.config.upstream;

import java.time.Duration;

/**
 * {@code upstream-health.*}: the circuit breaker of each upstream proxy in the {@code upstream}
 * list.
 *
 * @param failuresToOpen {@code upstream-health.failures-to-open}: consecutive failures (connect
 *     errors, timeouts, 5xx, unhonoured 429) after which the upstream is skipped, default 3
 * @param probeInterval {@code upstream-health.probe-interval}: how often an open upstream is
 *     probed with a cheap GET, default 30s
 * @param openFor {@code upstream-health.open-for}: how long an opened circuit skips the upstream
 *     before one client request may try it again (half-open), default 30s
 */
public record UpstreamHealthConfig(int failuresToOpen, Duration probeInterval, Duration openFor) {}
