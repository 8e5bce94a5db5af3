package io.goproxymirror.config;

/**
 * The whole validated configuration. Built by {@link ConfigLoader}: defaults &lt; YAML file &lt;
 * environment variables.
 *
 * @param server {@code server.*}
 * @param storage {@code storage.*}
 * @param upstream {@code upstream} (env {@code MIRROR_UPSTREAM}): a GOPROXY list as written, checked
 *     by {@link UpstreamList#parse(String)}, default {@code https://proxy.golang.org}
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
    LogConfig log) {

  /** Userinfo in upstream URLs is hidden, so the configuration can be logged. */
  @Override
  public String toString() {
    return "MirrorConfig[server="
        + server
        + ", storage="
        + storage
        + ", upstream="
        + UpstreamList.redact(upstream)
        + ", upstreamTimeouts="
        + upstreamTimeouts
        + ", cache="
        + cache
        + ", fetch="
        + fetch
        + ", log="
        + log
        + "]";
  }
}
