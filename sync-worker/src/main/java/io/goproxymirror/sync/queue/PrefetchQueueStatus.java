package io.goproxymirror.sync.queue;

import java.util.List;

/**
 * What the queue is doing, for {@code GET /admin/sync}.
 *
 * @param depth versions queued, running or waiting for a retry
 * @param running prefetches running now
 * @param waitingForRetry versions waiting for their next attempt
 * @param recentSuccesses the last successful prefetches, newest first, bounded
 * @param recentFailures the last failures (permanent or out of retries), newest first, bounded
 */
public record PrefetchQueueStatus(
    int depth,
    int running,
    int waitingForRetry,
    List<PrefetchOutcome> recentSuccesses,
    List<PrefetchOutcome> recentFailures) {}
