package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.storage.MetadataConfig;
import io.goproxymirror.config.upstream.Route;
import io.goproxymirror.config.upstream.UpstreamEntry;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * File descriptors: what the configured pools need, set against the process's limit. From it come
 * how many stored files are kept open, how many client connections are served at once, and a start
 * warning when the limit is below what the pools and {@link #CLIENT_RESERVE} clients need.
 *
 * <p>The estimate counts the JVM's own descriptors (about 64, plus 3 per event loop), every
 * upstream proxy's and checksum database's connection pool, the Redis pools, the storage I/O
 * threads (one file or S3 connection each), {@value #PER_GIT_WORKER} per Git worker, {@value
 * #PER_FETCH} per concurrent fetch (staging file, list file, readers), and the open-file cache.
 */
final class DescriptorBudget {
  /** Client connections the recommended limit leaves room for. */
  static final int CLIENT_RESERVE = 4096;
  /** Stored files kept open for sendfile when descriptors allow. */
  static final int MAX_OPEN_FILES = 1024;
  private static final int BASELINE = 64;
  private static final int PER_EVENT_LOOP = 3;
  private static final int PER_GIT_WORKER = 8;
  /** A fetch writes a staging file, may rewrite the module's list file, and clients read the staging file. */
  private static final int PER_FETCH = 3;
  private static final int MIN_OPEN_FILES = 16;
  private final long limit;
  private final int pools;

  DescriptorBudget(long limit, int pools) {
    this.limit = limit;
    this.pools = pools;
  }

  /** The budget of {@code config} under {@code limit} descriptors, with {@code eventLoops} event loops. */
  static DescriptorBudget of(MirrorConfig config, long limit, int eventLoops) {
    int upstreams = proxies(config);
    int redis = 0;
    if (config.metadata().type() == MetadataConfig.Type.REDIS) {
      redis = config.metadata().redis().poolSize() * (1 + config.metadata().redis().endpoints().size()) + 1;
    }
    int pools = BASELINE + PER_EVENT_LOOP * eventLoops
        + (upstreams + config.sumdb().databases().size()) * config.fetch().connectionsPerUpstream()
        + redis
        + config.storage().ioThreads()
        + PER_GIT_WORKER * config.git().workers()
        + PER_FETCH * config.fetch().maxConcurrent();
    return new DescriptorBudget(limit, pools);
  }

  /** The soft limit of this process (Linux, macOS), if the JVM can tell. */
  static OptionalLong processLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      long max = unix.getMaxFileDescriptorCount();
      return max > 0 ? OptionalLong.of(max) : OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /** Descriptors of everything but client connections and the open-file cache. */
  int pools() {
    return pools;
  }

  long limit() {
    return limit;
  }

  /** Stored files kept open: up to {@link #MAX_OPEN_FILES}, an eighth of what the pools leave. */
  int openFiles() {
    long spare = Math.max(0, limit - pools);
    return (int) Math.max(MIN_OPEN_FILES, Math.min(MAX_OPEN_FILES, spare / 8));
  }

  /**
   * Client connections served at once: what the pools and the open-file cache leave, minus a
   * margin (a sixteenth, at least 32) for connections answered 503 while over budget and for clients
   * reading a file still being downloaded.
   */
  int clientConnections() {
    long left = limit - pools - openFiles() - margin();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
  }

  /** Connections accepted past {@link #clientConnections()} only to be answered 503: half the margin. */
  int overflowConnections() {
    return (int) Math.min(Integer.MAX_VALUE, margin() / 2);
  }

  private long margin() {
    return Math.max(32, limit / 16);
  }

  /** The limit this configuration should run with: the pools, a full open-file cache and {@link #CLIENT_RESERVE} clients. */
  long recommended() {
    return pools + MAX_OPEN_FILES + CLIENT_RESERVE;
  }

  boolean low() {
    return limit < recommended();
  }

  /** The start warning's text (one line), when {@link #low()}. */
  String warning() {
    return "event=descriptor_limit_low limit=" + limit + " recommended=" + recommended() + " pools=" + pools
        + " open_files=" + openFiles() + " client_connections=" + clientConnections()
        + " hint=\"raise the open-files limit to at least " + recommended()
        + " (ulimit -n 65536, systemd LimitNOFILE=65536, or the container runtime's nofile limit);"
        + " meanwhile clients past client_connections get 503\"";
  }

  private static int proxies(MirrorConfig config) {
    Set<String> urls = new HashSet<>();
    addProxies(urls, config.upstreamList().entries());
    for (Route route : config.routes()) {
      route.upstreamList().ifPresent(list -> addProxies(urls, list.entries()));
    }
    return urls.size();
  }

  private static void addProxies(Set<String> urls, List<UpstreamEntry> entries) {
    for (UpstreamEntry entry : entries) {
      if (entry.kind() == UpstreamEntry.Kind.PROXY) {
        urls.add(entry.url());
      }
    }
  }
}
