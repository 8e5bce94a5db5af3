package io.goproxymirror.config;

import io.goproxymirror.config.auth.AuthConfig;
import io.goproxymirror.config.git.GitConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.storage.MetadataConfig;
import io.goproxymirror.config.storage.StorageConfig;
import io.goproxymirror.config.sync.SyncExpansionConfig;
import io.goproxymirror.config.sync.SyncIndexConfig;
import io.goproxymirror.config.sync.SyncQueueConfig;
import io.goproxymirror.config.sync.SyncWatchListConfig;
import io.goproxymirror.config.upstream.GoproxyList;
import io.goproxymirror.config.upstream.Route;
import io.goproxymirror.config.upstream.UpstreamHealthConfig;
import io.goproxymirror.config.upstream.UpstreamRetryConfig;
import io.goproxymirror.config.upstream.UpstreamTimeouts;
import io.goproxymirror.gomod.PathPatterns;
import java.time.Duration;
import java.util.List;

/**
 * The whole validated configuration. Built by {@link ConfigLoader}: defaults &lt; YAML file &lt;
 * environment variables.
 *
 * @param server {@code server.*}
 * @param storage {@code storage.*}
 * @param metadata {@code metadata.*}
 * @param upstreamList {@code upstream} (env {@code MIRROR_UPSTREAM}): a GOPROXY list, parsed
 *     once by {@link GoproxyList#parse(String)}: its entries and its text as written (also {@link
 *     #upstream()}); default {@code https://proxy.golang.org,direct}
 * @param privatePatterns {@code private} (env {@code MIRROR_PRIVATE}): module path globs in
 *     GOPRIVATE syntax (Go's {@code path.Match}, each matching a path prefix of as many elements as
 *     it has), parsed and checked by {@link PathPatterns#parse(String)}. Empty, the default,
 *     matches nothing.
 * @param noproxyPatterns {@code noproxy} (env {@code MIRROR_NOPROXY}): module path globs in the
 *     same syntax; matching modules are built from Git and never asked of an upstream proxy, like
 *     the go command's GONOPROXY, but their checksum database lookups are still proxied. Empty, the
 *     default, matches nothing.
 * @param routes {@code routes} (file only): per-pattern upstream lists and negative TTLs, first
 *     match wins; default none
 * @param upstreamTimeouts {@code upstream-timeouts.*}
 * @param upstreamHealth {@code upstream-health.*}: circuit breaking and probing per upstream
 * @param upstreamRetries {@code upstream-retries.*}: retries of one upstream GET
 * @param git {@code git.*}
 * @param cache {@code cache.*}
 * @param sumdb {@code sumdb.*} and {@code nosumdb}: the proxied checksum databases
 * @param fetch {@code fetch.*}
 * @param syncIndex {@code sync.index.*}: the index feed the sync worker tails
 * @param syncQueue {@code sync.queue.*}: the sync worker's prefetch queue
 * @param syncExpansion {@code sync.expansion.*}: dependency expansion
 * @param log {@code log.*}
 * @param syncLeaderTtl {@code sync.leader-ttl}: the TTL of the sync worker's leader lock; a
 *     standby takes over at most this long after the leader died (default 15s)
 * @param admin {@code admin.*}
 * @param auth {@code auth.*}: client authentication and read access
 * @param syncWatchList {@code sync.watchlist} and {@code sync.watchlist-check}: the sync worker's
 *     watch list
 */
public record MirrorConfig(
    ServerConfig server,
    StorageConfig storage,
    MetadataConfig metadata,
    GoproxyList upstreamList,
    PathPatterns privatePatterns,
    PathPatterns noproxyPatterns,
    List<Route> routes,
    UpstreamTimeouts upstreamTimeouts,
    UpstreamHealthConfig upstreamHealth,
    UpstreamRetryConfig upstreamRetries,
    GitConfig git,
    CacheConfig cache,
    SumdbConfig sumdb,
    FetchConfig fetch,
    SyncIndexConfig syncIndex,
    SyncQueueConfig syncQueue,
    SyncExpansionConfig syncExpansion,
    LogConfig log,
    SyncWatchListConfig syncWatchList,
    Duration syncLeaderTtl,
    AdminConfig admin,
    AuthConfig auth) {

  public MirrorConfig {
    routes = List.copyOf(routes);
  }

  /** {@code upstream} as written: the text of {@link #upstreamList()}. */
  public String upstream() {
    return upstreamList.text();
  }

  /**
   * Userinfo in upstream and Redis URLs is hidden, so the configuration can be logged. The rest
   * holds no secret: credentials and the Redis password are names of variables and paths of files.
   */
  @Override
  public String toString() {
    return "MirrorConfig[server="
        + server
        + ", storage="
        + storage
        + ", metadata="
        + metadata
        + ", upstream="
        + upstreamList.redacted()
        + ", privatePatterns="
        + privatePatterns
        + ", noproxyPatterns="
        + noproxyPatterns
        + ", routes="
        + routes
        + ", upstreamTimeouts="
        + upstreamTimeouts
        + ", upstreamHealth="
        + upstreamHealth
        + ", upstreamRetries="
        + upstreamRetries
        + ", git="
        + git
        + ", cache="
        + cache
        + ", sumdb="
        + sumdb
        + ", fetch="
        + fetch
        + ", syncIndex="
        + syncIndex
        + ", syncQueue="
        + syncQueue
        + ", syncExpansion="
        + syncExpansion
        + ", log="
        + log
        + ", syncWatchList="
        + syncWatchList
        + ", syncLeaderTtl="
        + syncLeaderTtl
        + ", admin="
        + admin
        + ", auth="
        + auth
        + "]";
  }
}
