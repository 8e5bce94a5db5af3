package io.goproxymirror.config;

/**
 * The whole validated configuration. Built by {@link ConfigLoader}: defaults &lt; YAML file &lt;
 * environment variables.
 *
 * @param server {@code server.*}
 * @param storage {@code storage.*}
 * @param upstream {@code upstream}: a GOPROXY list, for example {@code https://proxy.golang.org}
 * @param upstreamTimeouts {@code upstream-timeouts.*}
 * @param cache {@code cache.*}
 * @param fetch {@code fetch.*}
 * @param log {@code log.*}
 */
public record MirrorConfig(
    ServerConfig server,
    StorageConfig storage,
    String upstream,
    UpstreamTimeouts upstreamTimeouts,
    CacheConfig cache,
    FetchConfig fetch,
    LogConfig log) {}
