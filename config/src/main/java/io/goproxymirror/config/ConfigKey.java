package io.goproxymirror.config;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every single-value configuration key: its YAML path, default, parser and environment variables.
 * The defaults are text so that they go through the same parser as every other source. Keys that
 * hold a list of mappings are in {@link ListKey}; the path helpers here know both.
 */
enum ConfigKey {
  SERVER_HOST("server.host", "0.0.0.0", ValueParser.text()),
  SERVER_PORT("server.port", "3000", ValueParser.intIn(0, 65535), "MIRROR_PORT"),
  SERVER_INSTANCES("server.instances", "0", ValueParser.intIn(0, Integer.MAX_VALUE)),
  SERVER_HEADER_TIMEOUT("server.header-timeout", "10s", ValueParser.positiveDuration()),
  SERVER_SHUTDOWN_TIMEOUT("server.shutdown-timeout", "20s", ValueParser.positiveDuration()),
  STORAGE_PATH("storage.path", "./data", ValueParser.path(), "MIRROR_DATA_DIR"),
  STORAGE_IO_THREADS("storage.io-threads", "16", ValueParser.intIn(1, 256)),
  STORAGE_TYPE("storage.type", "file", ValueParser.storageType()),
  STORAGE_MIN_FREE("storage.min-free", "1GiB", ValueParser.byteSize()),
  STORAGE_S3_BUCKET("storage.s3.bucket", "", S3Values.bucket()),
  STORAGE_S3_ENDPOINT("storage.s3.endpoint", "", S3Values.endpoint()),
  STORAGE_S3_REGION("storage.s3.region", "us-east-1", S3Values.region()),
  STORAGE_S3_PATH_STYLE("storage.s3.path-style", "false", ValueParser.bool()),
  STORAGE_S3_PREFIX("storage.s3.prefix", "", S3Values.keyPrefix()),
  STORAGE_S3_ACCESS_KEY_ENV("storage.s3.access-key-env", "", S3Values.variableName()),
  STORAGE_S3_SECRET_KEY_ENV("storage.s3.secret-key-env", "", S3Values.variableName()),
  STORAGE_S3_PART_SIZE("storage.s3.part-size", "16MiB", S3Values.partSize()),
  STORAGE_S3_TIMEOUT("storage.s3.timeout", "30s", ValueParser.positiveDuration()),
  STORAGE_S3_MAX_CONNECTIONS("storage.s3.max-connections", "64", ValueParser.intIn(2, 4096)),
  METADATA_TYPE("metadata.type", "embedded", ValueParser.oneOf("embedded", "redis")),
  METADATA_REDIS_URL("metadata.redis.url", "", ValueParser.redisUrl(), "MIRROR_REDIS_URL"),
  METADATA_REDIS_MODE(
      "metadata.redis.mode", "standalone", ValueParser.oneOf("standalone", "sentinel", "cluster")),
  METADATA_REDIS_ENDPOINTS("metadata.redis.endpoints", "", ValueParser.redisUrls()),
  METADATA_REDIS_MASTER_NAME("metadata.redis.master-name", "", ValueParser.optionalText()),
  METADATA_REDIS_PASSWORD_ENV("metadata.redis.password-env", "", ValueParser.optionalText()),
  METADATA_REDIS_PASSWORD_FILE("metadata.redis.password-file", "", ValueParser.optionalText()),
  METADATA_REDIS_POOL_SIZE("metadata.redis.pool-size", "16", ValueParser.intIn(1, 1024)),
  METADATA_REDIS_MAX_WAITING(
      "metadata.redis.max-waiting", "256", ValueParser.intIn(0, Integer.MAX_VALUE)),
  METADATA_REDIS_COMMAND_TIMEOUT(
      "metadata.redis.command-timeout", "2s", ValueParser.positiveDuration()),
  METADATA_REDIS_KEY_PREFIX("metadata.redis.key-prefix", "goproxy:", ValueParser.redisKeyPrefix()),
  UPSTREAM("upstream", "https://proxy.golang.org,direct", ValueParser.goproxyList()),
  PRIVATE("private", "", ValueParser.pathPatterns()),
  NOPROXY("noproxy", "", ValueParser.pathPatterns()),
  NOSUMDB("nosumdb", "", ValueParser.pathPatterns()),
  UPSTREAM_TIMEOUTS_CONNECT("upstream-timeouts.connect", "5s", ValueParser.positiveDuration()),
  UPSTREAM_TIMEOUTS_FIRST_BYTE("upstream-timeouts.first-byte", "15s", ValueParser.positiveDuration()),
  UPSTREAM_TIMEOUTS_IDLE("upstream-timeouts.idle", "30s", ValueParser.positiveDuration()),
  UPSTREAM_TIMEOUTS_TOTAL("upstream-timeouts.total", "60s", ValueParser.positiveDuration()),
  UPSTREAM_HEALTH_FAILURES_TO_OPEN(
      "upstream-health.failures-to-open", "3", ValueParser.intIn(1, Integer.MAX_VALUE)),
  UPSTREAM_HEALTH_PROBE_INTERVAL(
      "upstream-health.probe-interval", "30s", ValueParser.positiveDuration()),
  UPSTREAM_HEALTH_OPEN_FOR("upstream-health.open-for", "30s", ValueParser.positiveDuration()),
  UPSTREAM_RETRIES_MAX("upstream-retries.max", "2", ValueParser.intIn(0, 10)),
  UPSTREAM_RETRIES_BACKOFF("upstream-retries.backoff", "100ms", ValueParser.positiveDuration()),
  GIT_WORKERS("git.workers", "4", ValueParser.intIn(1, 64)),
  GIT_QUEUE("git.queue", "256", ValueParser.intIn(1, Integer.MAX_VALUE)),
  GIT_CONNECT_TIMEOUT("git.connect-timeout", "10s", ValueParser.positiveDuration()),
  GIT_IDLE_TIMEOUT("git.idle-timeout", "60s", ValueParser.positiveDuration()),
  GIT_TOTAL_TIMEOUT("git.total-timeout", "10m", ValueParser.positiveDuration()),
  GIT_REFS_TTL("git.refs-ttl", "10s", ValueParser.positiveDuration()),
  CACHE_LIST_TTL("cache.list-ttl", "10m", ValueParser.positiveDuration()),
  CACHE_NEGATIVE_TTL("cache.negative-ttl", "5m", ValueParser.positiveDuration()),
  CACHE_MEMORY_ENTRIES("cache.memory-entries", "100000", ValueParser.longAtLeast(0)),
  CACHE_MEMORY_BYTES("cache.memory-bytes", "64MiB", ValueParser.byteSize()),
  SUMDB_DATABASES("sumdb.databases", "sum.golang.org=https://sum.golang.org", SumdbDatabases::parse),
  SUMDB_LOOKUP_TTL("sumdb.lookup-ttl", "1h", ValueParser.positiveDuration()),
  SUMDB_TILE_TTL("sumdb.tile-ttl", "1h", ValueParser.positiveDuration()),
  FETCH_MAX_CONCURRENT("fetch.max-concurrent", "64", ValueParser.intIn(1, Integer.MAX_VALUE)),
  FETCH_CONNECTIONS_PER_UPSTREAM(
      "fetch.connections-per-upstream", "16", ValueParser.intIn(1, Integer.MAX_VALUE)),
  SYNC_INDEX_ENABLED("sync.index.enabled", "true", ValueParser.bool()),
  SYNC_INDEX_URL("sync.index.url", "https://index.golang.org/index", SyncIndexValues.url()),
  SYNC_INDEX_POLL_INTERVAL("sync.index.poll-interval", "60s", ValueParser.positiveDuration()),
  SYNC_INDEX_SINCE("sync.index.since", "", SyncIndexValues.since()),
  SYNC_INDEX_LIMIT("sync.index.limit", "2000", ValueParser.intIn(1, 2000)),
  SYNC_WATCHLIST("sync.watchlist", "", ValueParser.optionalPath(), "MIRROR_WATCHLIST"),
  SYNC_WATCHLIST_CHECK("sync.watchlist-check", "2s", ValueParser.positiveDuration()),
  SYNC_QUEUE_MAX("sync.queue.max", "10000", ValueParser.intIn(1, Integer.MAX_VALUE)),
  SYNC_QUEUE_CONCURRENCY("sync.queue.concurrency", "4", ValueParser.intIn(1, 256)),
  SYNC_QUEUE_RETRIES("sync.queue.retries", "5", ValueParser.intIn(0, 100)),
  SYNC_QUEUE_BACKOFF("sync.queue.backoff", "2s", ValueParser.positiveDuration()),
  SYNC_QUEUE_MAX_BACKOFF("sync.queue.max-backoff", "5m", ValueParser.positiveDuration()),
  SYNC_EXPANSION_ENABLED("sync.expansion.enabled", "true", ValueParser.bool()),
  SYNC_EXPANSION_DEPTH("sync.expansion.depth", "3", ValueParser.intIn(1, 100)),
  SYNC_LEADER_TTL("sync.leader-ttl", "15s", ValueParser.positiveDuration()),
  FETCH_QUEUE("fetch.queue", FetchConfig.DEFAULT_QUEUE, ValueParser.intIn(0, Integer.MAX_VALUE)),
  FETCH_QUEUE_WAIT("fetch.queue-wait", FetchConfig.DEFAULT_QUEUE_WAIT, ValueParser.positiveDuration()),
  ADMIN_TOKEN("admin.token", "", AdminConfig::parseToken),
  LOG_FORMAT("log.format", "text", ValueParser.oneOf("text", "json")),
  LOG_LEVEL("log.level", "info", ValueParser.oneOf("trace", "debug", "info", "warn", "error"));

  private static final Map<String, ConfigKey> BY_PATH =
      Arrays.stream(values()).collect(Collectors.toMap(k -> k.path, Function.identity()));

  private final String path;
  private final String defaultText;
  private final ValueParser parser;
  private final String namedEnvVar;

  ConfigKey(String path, String defaultText, ValueParser parser) {
    this(path, defaultText, parser, null);
  }

  ConfigKey(String path, String defaultText, ValueParser parser, String namedEnvVar) {
    this.path = path;
    this.defaultText = defaultText;
    this.parser = parser;
    this.namedEnvVar = namedEnvVar;
  }

  /** The dotted kebab-case path, for example {@code cache.list-ttl}. */
  String path() {
    return path;
  }

  String defaultText() {
    return defaultText;
  }

  ValueParser parser() {
    return parser;
  }

  /** {@code MIRROR_} and the path upper-cased, dots and dashes as underscores. */
  String genericEnvVar() {
    return "MIRROR_" + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** A short name that wins over {@link #genericEnvVar()}, such as {@code MIRROR_PORT}. */
  Optional<String> namedEnvVar() {
    return Optional.ofNullable(namedEnvVar);
  }

  static Optional<ConfigKey> byPath(String path) {
    return Optional.ofNullable(BY_PATH.get(path));
  }

  /** Whether {@code path} is a mapping of keys, such as {@code server}. */
  static boolean isSection(String path) {
    return !childNames(path).isEmpty();
  }

  /** The names of the keys directly under {@code section}; the top level for {@code ""}. */
  static List<String> childNames(String section) {
    String prefix = section.isEmpty() ? "" : section + ".";
    Set<String> names = new LinkedHashSet<>();
    for (String path : keyPaths()) {
      if (path.startsWith(prefix)) {
        String rest = path.substring(prefix.length());
        int dot = rest.indexOf('.');
        names.add(dot < 0 ? rest : rest.substring(0, dot));
      }
    }
    return List.copyOf(names);
  }

  /** Every key and section path, for suggestions. */
  static List<String> allPaths() {
    Set<String> paths = new LinkedHashSet<>();
    for (String path : keyPaths()) {
      int dot = path.indexOf('.');
      if (dot > 0) {
        paths.add(path.substring(0, dot));
      }
      paths.add(path);
    }
    return List.copyOf(paths);
  }

  /** The paths of every single-value key, then of every list key. */
  private static List<String> keyPaths() {
    return Stream.concat(
            Arrays.stream(values()).map(ConfigKey::path),
            Arrays.stream(ListKey.values()).map(ListKey::path))
        .toList();
  }
}
