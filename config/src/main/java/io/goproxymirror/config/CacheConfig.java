package io.goproxymirror.config;

import java.time.Duration;

/**
 * {@code cache.*}.
 *
 * @param listTtl {@code cache.list-ttl}: how long {@code list}, {@code @latest} and query {@code
 *     .info} answers are fresh, default 10m
 * @param negativeTtl {@code cache.negative-ttl}: how long a not-found answer from every source is
 *     kept, default 5m
 * @param memoryEntries {@code cache.memory-entries}: metadata entries of immutable artifacts held
 *     in process, default 100000
 * @param memoryBytes {@code cache.memory-bytes}: bytes of small artifacts ({@code .info}, {@code
 *     .mod}) held in process, default 64MiB
 */
public record CacheConfig(Duration listTtl, Duration negativeTtl, long memoryEntries, long memoryBytes) {}
