package io.goproxymirror.config.sync;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code sync.index.*}: the index feed the sync worker tails (index.golang.org or a service with
 * the same protocol).
 *
 * @param enabled {@code sync.index.enabled}: whether the worker tails the feed, default true
 * @param url {@code sync.index.url}: the feed endpoint, an absolute http(s) URL without user
 *     information or fragment; a query (such as {@code include=all}) is kept and {@code since} and
 *     {@code limit} are added to it. Default {@code https://index.golang.org/index}
 * @param pollInterval {@code sync.index.poll-interval}: the wait between polls once caught up, and
 *     the longest wait between retries after errors; default 60s
 * @param since {@code sync.index.since}: an RFC 3339 time the feed is read from when no cursor is
 *     stored yet; empty (the default) means the time of the first start. A stored cursor wins.
 * @param limit {@code sync.index.limit}: entries asked for per page, 1..2000, default 2000
 */
public record SyncIndexConfig(
    boolean enabled, URI url, Duration pollInterval, Optional<Instant> since, int limit) {}
