package io.goproxymirror.config.sync;

import java.time.Duration;

/**
 * {@code sync.queue.*}: the sync worker's prefetch queue.
 *
 * @param max {@code sync.queue.max}: versions queued, running or waiting for a retry at once,
 *     default 10000; more are refused until some end
 * @param concurrency {@code sync.queue.concurrency}: prefetches running at once, default 4
 * @param retries {@code sync.queue.retries}: retries of a transient failure after the first
 *     attempt, default 5 (0 turns retrying off)
 * @param backoff {@code sync.queue.backoff}: the delay before the first retry, doubled for each
 *     further one, with jitter, default 2s
 * @param maxBackoff {@code sync.queue.max-backoff}: the longest delay between two attempts, at
 *     least {@code backoff}, default 5m
 */
public record SyncQueueConfig(
    int max, int concurrency, int retries, Duration backoff, Duration maxBackoff) {}
