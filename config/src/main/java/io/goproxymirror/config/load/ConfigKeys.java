package io.goproxymirror.config.load;

import static io.goproxymirror.config.value.ValueParser.bool;
import static io.goproxymirror.config.value.ValueParser.byteSize;
import static io.goproxymirror.config.value.ValueParser.intIn;
import static io.goproxymirror.config.value.ValueParser.nonNegativeDuration;
import static io.goproxymirror.config.value.ValueParser.oneOf;
import static io.goproxymirror.config.value.ValueParser.optionalText;
import static io.goproxymirror.config.value.ValueParser.positiveDuration;

import io.goproxymirror.config.AdminConfig;
import io.goproxymirror.config.FetchConfig;
import io.goproxymirror.config.auth.AnonymousAccess;
import io.goproxymirror.config.auth.AuthValues;
import io.goproxymirror.config.SumdbDatabase;
import io.goproxymirror.config.SumdbDatabases;
import io.goproxymirror.config.storage.RedisValues;
import io.goproxymirror.config.storage.S3Values;
import io.goproxymirror.config.storage.StorageType;
import io.goproxymirror.config.sync.SyncIndexValues;
import io.goproxymirror.config.upstream.GoproxyList;
import io.goproxymirror.config.value.ValueParser;
import io.goproxymirror.gomod.PathPatterns;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every single-value configuration key, each declared once: path, type, default text, parser (the
 * validation), a one-line description and, for a few, a short environment variable. Adding a key
 * is one declaration here and the record that uses it. The order is the documentation order: the
 * keys are converted in it (the first bad one is reported) and listed in it in messages. Keys that
 * hold a list of mappings are in {@link ListKey}.
 */
final class ConfigKeys {

  private static final int MAX = Integer.MAX_VALUE;
  private static final List<Key<?>> DECLARED = new ArrayList<>();

  static final Key<String> SERVER_HOST = add(Key.of("server.host", String.class, "0.0.0.0",
      ValueParser.text(), "Listen address."));
  static final Key<Integer> SERVER_PORT = add(Key.of("server.port", Integer.class, "3000",
      intIn(0, 65535), "Listen port, 0..65535; 0 picks a free port.").withEnv("MIRROR_PORT"));
  static final Key<Integer> SERVER_INSTANCES = add(Key.of("server.instances", Integer.class, "0",
      intIn(0, MAX), "HTTP verticle instances (event loops); 0 means one per CPU core."));
  static final Key<Duration> SERVER_HEADER_TIMEOUT = add(Key.of("server.header-timeout",
      Duration.class, "10s", positiveDuration(), "Longest a client may take to send its headers."));
  static final Key<Duration> SERVER_SHUTDOWN_DELAY = add(Key.of("server.shutdown-delay",
      Duration.class, "5s", nonNegativeDuration(), "How long the server keeps serving after SIGTERM, /readyz 503."));
  static final Key<Duration> SERVER_SHUTDOWN_TIMEOUT = add(Key.of("server.shutdown-timeout",
      Duration.class, "30s", positiveDuration(), "How long requests in flight may then finish."));
  static final Key<Optional<Path>> SERVER_TLS_CERT_FILE = add(Key.optional("server.tls.cert-file",
      Path.class, "", ValueParser.optionalPath(), "PEM certificate chain; with key-file, HTTPS only."));
  static final Key<Optional<Path>> SERVER_TLS_KEY_FILE = add(Key.optional("server.tls.key-file",
      Path.class, "", ValueParser.optionalPath(), "PEM private key of the certificate."));
  static final Key<Duration> SERVER_TLS_RELOAD_CHECK = add(Key.of("server.tls.reload-check",
      Duration.class, "30s", positiveDuration(), "How often the two TLS files are checked for a change."));
  static final Key<Path> STORAGE_PATH = add(Key.of("storage.path", Path.class, "./data",
      ValueParser.path(), "Data directory.").withEnv("MIRROR_DATA_DIR"));
  static final Key<Integer> STORAGE_IO_THREADS = add(Key.of("storage.io-threads", Integer.class,
      "16", intIn(1, 256), "Threads for blocking storage work in each of the read and write pools."));
  static final Key<StorageType> STORAGE_TYPE = add(Key.of("storage.type", StorageType.class, "file",
      StorageType::parse, "Where module files are kept: file or s3."));
  static final Key<Long> STORAGE_MIN_FREE = add(Key.of("storage.min-free", Long.class, "1GiB",
      byteSize(), "Free space below which new misses are refused; 0 turns the check off."));
  static final Key<String> STORAGE_S3_BUCKET = add(Key.of("storage.s3.bucket", String.class, "",
      S3Values.bucket(), "Bucket name; required with storage.type s3."));
  static final Key<Optional<URI>> STORAGE_S3_ENDPOINT = add(Key.optional(
      "storage.s3.endpoint", URI.class, "", S3Values.endpoint(),
      "URL of an S3-compatible service; empty means AWS S3."));
  static final Key<String> STORAGE_S3_REGION = add(Key.of("storage.s3.region", String.class,
      "us-east-1", S3Values.region(), "Signing region."));
  static final Key<Boolean> STORAGE_S3_PATH_STYLE = add(Key.of("storage.s3.path-style",
      Boolean.class, "false", bool(), "Bucket in the path instead of the host name."));
  static final Key<String> STORAGE_S3_PREFIX = add(Key.of("storage.s3.prefix", String.class, "",
      S3Values.keyPrefix(), "Key prefix inside the bucket."));
  static final Key<Optional<String>> STORAGE_S3_ACCESS_KEY_ENV = add(Key.optional(
      "storage.s3.access-key-env", String.class, "", S3Values.variableName(),
      "Name of the variable holding the access key id."));
  static final Key<Optional<String>> STORAGE_S3_SECRET_KEY_ENV = add(Key.optional(
      "storage.s3.secret-key-env", String.class, "", S3Values.variableName(),
      "Name of the variable holding the secret key."));
  static final Key<Long> STORAGE_S3_PART_SIZE = add(Key.of("storage.s3.part-size", Long.class,
      "16MiB", S3Values.partSize(), "Part size of multipart uploads, 5MiB..5GiB."));
  static final Key<Duration> STORAGE_S3_TIMEOUT = add(Key.of("storage.s3.timeout", Duration.class,
      "30s", positiveDuration(), "Longest one S3 request, or a pause in a body, may take."));
  static final Key<Integer> STORAGE_S3_MAX_CONNECTIONS = add(Key.of("storage.s3.max-connections",
      Integer.class, "64", intIn(2, 4096), "S3 connection pool; more than 2 x storage.io-threads."));
  static final Key<String> METADATA_TYPE = add(Key.of("metadata.type", String.class, "embedded",
      oneOf("embedded", "redis"), "Metadata store: embedded or redis."));
  static final Key<String> METADATA_REDIS_URL = add(Key.of("metadata.redis.url", String.class, "",
      RedisValues.url(), "Redis URL; selects redis when metadata.type is not given.")
      .withEnv("MIRROR_REDIS_URL"));
  static final Key<String> METADATA_REDIS_MODE = add(Key.of("metadata.redis.mode", String.class,
      "standalone", oneOf("standalone", "sentinel", "cluster"),
      "standalone, sentinel or cluster."));
  static final Key<List<String>> METADATA_REDIS_ENDPOINTS = add(Key.list("metadata.redis.endpoints",
      String.class, "", RedisValues.urls(), "More sentinels or cluster seed nodes."));
  static final Key<String> METADATA_REDIS_MASTER_NAME = add(Key.of("metadata.redis.master-name",
      String.class, "", optionalText(), "Sentinel mode: the master name the sentinels monitor."));
  static final Key<String> METADATA_REDIS_PASSWORD_ENV = add(Key.of("metadata.redis.password-env",
      String.class, "", optionalText(), "Name of the variable holding the Redis password."));
  static final Key<String> METADATA_REDIS_PASSWORD_FILE = add(Key.of(
      "metadata.redis.password-file", String.class, "", optionalText(),
      "File holding the Redis password."));
  static final Key<Integer> METADATA_REDIS_POOL_SIZE = add(Key.of("metadata.redis.pool-size",
      Integer.class, "16", intIn(1, 1024), "Connections per Redis node, 1..1024."));
  static final Key<Integer> METADATA_REDIS_MAX_WAITING = add(Key.of("metadata.redis.max-waiting",
      Integer.class, "256", intIn(0, MAX), "Commands that may wait for a busy pool."));
  static final Key<Duration> METADATA_REDIS_COMMAND_TIMEOUT = add(Key.of(
      "metadata.redis.command-timeout", Duration.class, "2s", positiveDuration(),
      "Deadline of one Redis command, connecting included."));
  static final Key<String> METADATA_REDIS_KEY_PREFIX = add(Key.of("metadata.redis.key-prefix",
      String.class, "goproxy:", RedisValues.keyPrefix(), "Put before every Redis key."));
  static final Key<GoproxyList> UPSTREAM = add(Key.of("upstream", GoproxyList.class,
      "https://proxy.golang.org,direct", GoproxyList::parse,
      "Where public modules come from, in GOPROXY syntax."));
  static final Key<PathPatterns> PRIVATE = add(Key.of("private", PathPatterns.class, "",
      PathPatterns::parse, "Modules only built from Git, in GOPRIVATE syntax."));
  static final Key<PathPatterns> NOPROXY = add(Key.of("noproxy", PathPatterns.class, "",
      PathPatterns::parse, "Modules built from Git whose checksum lookups are still proxied."));
  static final Key<PathPatterns> NOSUMDB = add(Key.of("nosumdb", PathPatterns.class, "",
      PathPatterns::parse, "Modules whose checksum database lookups are refused."));
  static final Key<Duration> UPSTREAM_TIMEOUTS_CONNECT = add(Key.of("upstream-timeouts.connect",
      Duration.class, "5s", positiveDuration(), "Opening a connection to an upstream."));
  static final Key<Duration> UPSTREAM_TIMEOUTS_FIRST_BYTE = add(Key.of(
      "upstream-timeouts.first-byte", Duration.class, "15s", positiveDuration(),
      "Until an upstream's response headers arrive."));
  static final Key<Duration> UPSTREAM_TIMEOUTS_IDLE = add(Key.of("upstream-timeouts.idle",
      Duration.class, "30s", positiveDuration(), "Longest pause between bytes of a body."));
  static final Key<Duration> UPSTREAM_TIMEOUTS_TOTAL = add(Key.of("upstream-timeouts.total",
      Duration.class, "60s", positiveDuration(), "One fetch through the whole upstream list."));
  static final Key<Integer> UPSTREAM_HEALTH_FAILURES_TO_OPEN = add(Key.of(
      "upstream-health.failures-to-open", Integer.class, "3", intIn(1, MAX),
      "Consecutive failures that open an upstream's circuit."));
  static final Key<Duration> UPSTREAM_HEALTH_PROBE_INTERVAL = add(Key.of(
      "upstream-health.probe-interval", Duration.class, "30s", positiveDuration(),
      "How often an open upstream is probed."));
  static final Key<Duration> UPSTREAM_HEALTH_OPEN_FOR = add(Key.of("upstream-health.open-for",
      Duration.class, "30s", positiveDuration(), "How long an open circuit skips the upstream."));
  static final Key<Integer> UPSTREAM_RETRIES_MAX = add(Key.of("upstream-retries.max", Integer.class,
      "2", intIn(0, 10), "Retries of one upstream GET after the first attempt."));
  static final Key<Duration> UPSTREAM_RETRIES_BACKOFF = add(Key.of("upstream-retries.backoff",
      Duration.class, "100ms", positiveDuration(), "Base delay between retries, doubled per retry."));
  static final Key<Integer> GIT_WORKERS = add(Key.of("git.workers", Integer.class, "4",
      intIn(1, 64), "Threads running Git operations, 1..64."));
  static final Key<Integer> GIT_QUEUE = add(Key.of("git.queue", Integer.class, "256",
      intIn(1, MAX), "Git operations that may wait for a thread."));
  static final Key<Duration> GIT_CONNECT_TIMEOUT = add(Key.of("git.connect-timeout",
      Duration.class, "10s", positiveDuration(), "Opening a connection to a Git server."));
  static final Key<Duration> GIT_IDLE_TIMEOUT = add(Key.of("git.idle-timeout", Duration.class,
      "60s", positiveDuration(), "A Git transfer that receives no bytes this long fails."));
  static final Key<Duration> GIT_TOTAL_TIMEOUT = add(Key.of("git.total-timeout", Duration.class,
      "10m", positiveDuration(), "One Git operation, end to end."));
  static final Key<Duration> GIT_REFS_TTL = add(Key.of("git.refs-ttl", Duration.class, "10s",
      positiveDuration(), "How long a repository's list of refs is reused."));
  static final Key<Duration> CACHE_LIST_TTL = add(Key.of("cache.list-ttl", Duration.class, "10m",
      positiveDuration(), "How long list, @latest and query answers are fresh."));
  static final Key<Duration> CACHE_NEGATIVE_TTL = add(Key.of("cache.negative-ttl", Duration.class,
      "5m", positiveDuration(), "How long \"not found from every source\" is kept."));
  static final Key<Long> CACHE_MEMORY_ENTRIES = add(Key.of("cache.memory-entries", Long.class,
      "100000", ValueParser.longAtLeast(0), "Metadata entries held in process."));
  static final Key<Long> CACHE_MEMORY_BYTES = add(Key.of("cache.memory-bytes", Long.class, "64MiB",
      byteSize(), "Bytes of small artifacts held in process."));
  static final Key<List<SumdbDatabase>> SUMDB_DATABASES = add(Key.list("sumdb.databases",
      SumdbDatabase.class, "sum.golang.org=https://sum.golang.org", SumdbDatabases::parse,
      "Checksum databases proxied, as comma-separated name=url."));
  static final Key<Duration> SUMDB_LOOKUP_TTL = add(Key.of("sumdb.lookup-ttl", Duration.class,
      "1h", positiveDuration(), "How long a lookup answer is served from cache."));
  static final Key<Duration> SUMDB_TILE_TTL = add(Key.of("sumdb.tile-ttl", Duration.class, "1h",
      positiveDuration(), "How long a partial tile is served from cache."));
  static final Key<Integer> FETCH_MAX_CONCURRENT = add(Key.of("fetch.max-concurrent",
      Integer.class, "64", intIn(1, MAX), "Upstream fetches running at once."));
  static final Key<Integer> FETCH_CONNECTIONS_PER_UPSTREAM = add(Key.of(
      "fetch.connections-per-upstream", Integer.class, "16", intIn(1, MAX),
      "HTTP connection pool size per upstream."));
  static final Key<Boolean> SYNC_INDEX_ENABLED = add(Key.of("sync.index.enabled", Boolean.class,
      "true", bool(), "Whether the sync worker tails the index feed."));
  static final Key<URI> SYNC_INDEX_URL = add(Key.of("sync.index.url", URI.class,
      "https://index.golang.org/index", SyncIndexValues.url(), "The index feed endpoint."));
  static final Key<Duration> SYNC_INDEX_POLL_INTERVAL = add(Key.of("sync.index.poll-interval",
      Duration.class, "60s", positiveDuration(), "The wait between polls once caught up."));
  static final Key<Optional<Instant>> SYNC_INDEX_SINCE = add(Key.optional(
      "sync.index.since", Instant.class, "", SyncIndexValues.since(),
      "Where to start when no cursor is stored yet."));
  static final Key<Integer> SYNC_INDEX_LIMIT = add(Key.of("sync.index.limit", Integer.class, "2000",
      intIn(1, 2000), "Entries asked for per page, 1..2000."));
  static final Key<Optional<Path>> SYNC_WATCHLIST = add(Key.optional("sync.watchlist",
      Path.class, "", ValueParser.optionalPath(), "The watch-list file; empty watches nothing.")
      .withEnv("MIRROR_WATCHLIST"));
  static final Key<Duration> SYNC_WATCHLIST_CHECK = add(Key.of("sync.watchlist-check",
      Duration.class, "2s", positiveDuration(), "How often the watch-list file is checked."));
  static final Key<Integer> SYNC_QUEUE_MAX = add(Key.of("sync.queue.max", Integer.class, "10000",
      intIn(1, MAX), "Versions queued, running or waiting for a retry at once."));
  static final Key<Integer> SYNC_QUEUE_CONCURRENCY = add(Key.of("sync.queue.concurrency",
      Integer.class, "4", intIn(1, 256), "Prefetches running at once, 1..256."));
  static final Key<Integer> SYNC_QUEUE_RETRIES = add(Key.of("sync.queue.retries", Integer.class,
      "5", intIn(0, 100), "Retries of a transient prefetch failure, 0..100."));
  static final Key<Duration> SYNC_QUEUE_BACKOFF = add(Key.of("sync.queue.backoff", Duration.class,
      "2s", positiveDuration(), "Delay before the first retry, doubled for each further one."));
  static final Key<Duration> SYNC_QUEUE_MAX_BACKOFF = add(Key.of("sync.queue.max-backoff",
      Duration.class, "5m", positiveDuration(), "Longest delay between two attempts."));
  static final Key<Boolean> SYNC_EXPANSION_ENABLED = add(Key.of("sync.expansion.enabled",
      Boolean.class, "true", bool(), "Whether go.mod requirements of stored versions are queued."));
  static final Key<Integer> SYNC_EXPANSION_DEPTH = add(Key.of("sync.expansion.depth",
      Integer.class, "3", intIn(1, 100), "Levels of requirements followed, 1..100."));
  static final Key<Duration> SYNC_LEADER_TTL = add(Key.of("sync.leader-ttl", Duration.class, "15s",
      positiveDuration(), "The TTL of the sync worker's leader lock."));
  static final Key<Integer> FETCH_QUEUE = add(Key.of("fetch.queue", Integer.class,
      FetchConfig.DEFAULT_QUEUE, intIn(0, MAX), "Misses that may wait for a running fetch."));
  static final Key<Duration> FETCH_QUEUE_WAIT = add(Key.of("fetch.queue-wait", Duration.class,
      FetchConfig.DEFAULT_QUEUE_WAIT, positiveDuration(), "The longest a miss waits in the queue."));
  static final Key<Optional<String>> ADMIN_TOKEN = add(Key.optional("admin.token",
      String.class, "", AdminConfig::parseToken, "Bearer token of the admin API; empty: off."));
  static final Key<Optional<Path>> AUTH_USERS_FILE = add(Key.optional("auth.users-file", Path.class, "",
      AuthValues.usersFile(), "The users file (YAML); empty: no users. Reloaded when it changes."));
  static final Key<Duration> AUTH_USERS_FILE_CHECK = add(Key.of("auth.users-file-check", Duration.class,
      "10s", positiveDuration(), "How often the users file is checked for changes."));
  static final Key<AnonymousAccess> AUTH_ANONYMOUS = add(Key.of("auth.anonymous", AnonymousAccess.class,
      "public", AnonymousAccess::parse, "public or none: what clients without credentials may read."));
  static final Key<Integer> AUTH_FAILURE_BURST = add(Key.of("auth.failure-burst", Integer.class, "10",
      intIn(1, 1_000_000), "Failed authentications per client address before 429."));
  static final Key<Duration> AUTH_FAILURE_COOLDOWN = add(Key.of("auth.failure-cooldown", Duration.class,
      "60s", positiveDuration(), "How long a throttled address is refused after its last failure."));
  static final Key<String> AUTH_JWT_ISSUER = add(Key.of("auth.jwt.issuer", String.class, "",
      optionalText(), "The iss JWTs must have; empty: JWTs are not accepted."));
  static final Key<Optional<URI>> AUTH_JWT_JWKS_URL = add(Key.optional("auth.jwt.jwks-url", URI.class, "",
      AuthValues.jwksUrl(), "The issuer's signing keys (JWKS), http or https."));
  static final Key<String> AUTH_JWT_AUDIENCE = add(Key.of("auth.jwt.audience", String.class, "",
      optionalText(), "The value the aud of JWTs must contain."));
  static final Key<String> AUTH_JWT_GROUPS_CLAIM = add(Key.of("auth.jwt.groups-claim", String.class,
      "groups", AuthValues.claimName(), "The claim (string or list) holding a JWT's groups."));
  static final Key<String> LOG_FORMAT = add(Key.of("log.format", String.class, "text",
      oneOf("text", "json"), "text or json."));
  static final Key<String> LOG_LEVEL = add(Key.of("log.level", String.class, "info",
      oneOf("trace", "debug", "info", "warn", "error"), "trace, debug, info, warn or error."));

  private static final List<Key<?>> ALL = List.copyOf(DECLARED);

  private ConfigKeys() {}

  /** Every key, in declaration order. */
  static List<Key<?>> all() {
    return ALL;
  }

  private static <T> Key<T> add(Key<T> key) {
    DECLARED.add(key);
    return key;
  }
}
