package io.goproxymirror.config.upstream;

import java.time.Duration;

/**
 * {@code upstream-retries.*}: retries of one upstream GET after a connect error or a 502, 503 or
 * 504, always within the fetch's total deadline ({@code upstream-timeouts.total}).
 *
 * @param max {@code upstream-retries.max}: retries after the first attempt, default 2 (0 turns
 *     retrying off)
 * @param backoff {@code upstream-retries.backoff}: the base delay, doubled per retry, with jitter,
 *     default 100ms
 */
public record UpstreamRetryConfig(int max, Duration backoff) {}
