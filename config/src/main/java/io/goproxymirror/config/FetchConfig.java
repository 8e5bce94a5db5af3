package io.goproxymirror.config;

/**
 * {@code fetch.*}.
 *
 * @param maxConcurrent {@code fetch.max-concurrent}: upstream fetches running at once, default 64
 * @param connectionsPerUpstream {@code fetch.connections-per-upstream}: HTTP connection pool size
 *     per upstream, default 16
 */
public record FetchConfig(int maxConcurrent, int connectionsPerUpstream) {}
