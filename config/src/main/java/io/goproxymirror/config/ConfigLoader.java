package io.goproxymirror.config;

import io.goproxymirror.gomod.PathPatterns;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads and validates the {@link MirrorConfig}: defaults &lt; YAML file &lt; environment variables.
 *
 * <p>The file is the one given, else the one named by {@code MIRROR_CONFIG}, else there is none.
 * Values in the file may use {@code ${VAR}} and {@code ${VAR:-default}}. Every key can be
 * overridden by {@code MIRROR_} plus its path upper-cased with dots and dashes as underscores
 * ({@code MIRROR_CACHE_LIST_TTL}); {@code MIRROR_PORT} and {@code MIRROR_DATA_DIR} are short names
 * for {@code server.port} and {@code storage.path} and win over the long ones, as does {@code
 * MIRROR_REDIS_URL} for {@code metadata.redis.url}. Empty variables count as unset. A Redis URL
 * from any source selects {@code metadata.type: redis} unless {@code metadata.type} itself is
 * given (see {@link MetadataConfig}). The watch-list file that {@code sync.watchlist} names is
 * read and checked too ({@link WatchList#load(Path)}). The list keys ({@code git.rewrites}, {@code git.repositories}, {@code
 * git.credentials}, {@code routes}, {@code upstream-timeouts.overrides}) come from the file only. Every value, whatever its source, goes through the
 * same conversion and checks, and the environment variables and files that {@code
 * git.credentials} and {@code storage.s3} name are checked to be set and readable (the S3 ones
 * only when {@code storage.type} is {@code s3}); keys that would hold a secret inline, such as
 * {@code storage.s3.secret-key}, are refused. The first problem stops the load with a {@link
 * ConfigException} that names the key.
 */
public final class ConfigLoader {

  /** The environment variable naming the configuration file. */
  public static final String CONFIG_FILE_VARIABLE = "MIRROR_CONFIG";

  private ConfigLoader() {}

  /** Loads with the process environment. */
  public static MirrorConfig load(Optional<Path> file) {
    return load(file, System.getenv());
  }

  /**
   * @param file the configuration file, if one was given on the command line
   * @param env the environment variables to read
   * @throws ConfigException for the first problem found
   */
  public static MirrorConfig load(Optional<Path> file, Map<String, String> env) {
    Map<ConfigKey, RawValue> raw = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      raw.put(key, new RawValue(key.defaultText(), key.path()));
    }
    FileSettings settings = new FileSettings(Map.of(), Map.of());
    if (file.isPresent()) {
      Path path = file.get();
      settings = ConfigFile.read(path, path.toString(), env);
    } else {
      String named = env.get(CONFIG_FILE_VARIABLE);
      if (named != null && !named.isBlank()) {
        String label = CONFIG_FILE_VARIABLE + " (" + named + ")";
        settings = ConfigFile.read(Path.of(named.strip()), label, env);
      }
    }
    Map<ConfigKey, RawValue> overrides = EnvironmentOverrides.read(env);
    raw.putAll(settings.values());
    raw.putAll(overrides);
    Map<ConfigKey, Object> values = convert(raw);
    Path home = home(env);
    SecretReferences secrets = new SecretReferences(env, home);
    StorageConfig storage = S3Settings.storage(values, secrets);
    boolean typeGiven =
        settings.values().containsKey(ConfigKey.METADATA_TYPE) || overrides.containsKey(ConfigKey.METADATA_TYPE);
    MetadataConfig metadata = MetadataConfigBuilder.build(
        values,
        typeGiven ? Optional.of(raw.get(ConfigKey.METADATA_TYPE).origin()) : Optional.empty(),
        raw.get(ConfigKey.METADATA_REDIS_URL).origin(),
        secrets);
    List<Route> routes = Routes.parse(settings.lists().getOrDefault(ListKey.ROUTES, List.of()));
    List<UpstreamTimeoutOverride> timeoutOverrides = UpstreamTimeoutOverrides.parse(
        settings.lists().getOrDefault(ListKey.UPSTREAM_TIMEOUT_OVERRIDES, List.of()));
    return assemble(
        values, raw, storage, metadata, git(values, settings.lists(), secrets, home), routes, timeoutOverrides);
  }

  /** The configuration with every key at its default. */
  public static MirrorConfig defaults() {
    return load(Optional.empty(), Map.of());
  }

  private static Map<ConfigKey, Object> convert(Map<ConfigKey, RawValue> raw) {
    Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
    raw.forEach(
        (key, value) -> {
          try {
            values.put(key, key.parser().parse(value.text()));
          } catch (IllegalArgumentException e) {
            throw new ConfigException(value.origin(), e.getMessage());
          }
        });
    return values;
  }

  private static Path home(Map<String, String> env) {
    String homeVar = env.get("HOME");
    return Path.of(homeVar == null || homeVar.isBlank() ? System.getProperty("user.home") : homeVar);
  }

  private static GitConfig git(
      Map<ConfigKey, Object> v, Map<ListKey, List<ListItem>> lists, SecretReferences secrets, Path home) {
    GitCredentials credentials = new GitCredentials(secrets, home);
    return new GitConfig(
        (Integer) v.get(ConfigKey.GIT_WORKERS),
        (Integer) v.get(ConfigKey.GIT_QUEUE),
        (Duration) v.get(ConfigKey.GIT_CONNECT_TIMEOUT),
        (Duration) v.get(ConfigKey.GIT_IDLE_TIMEOUT),
        (Duration) v.get(ConfigKey.GIT_TOTAL_TIMEOUT),
        (Duration) v.get(ConfigKey.GIT_REFS_TTL),
        GitRewrites.parse(lists.getOrDefault(ListKey.GIT_REWRITES, List.of())),
        GitRepositoryTemplates.parse(lists.getOrDefault(ListKey.GIT_REPOSITORIES, List.of())),
        credentials.parse(lists.getOrDefault(ListKey.GIT_CREDENTIALS, List.of())));
  }

  /** {@code sync.queue.*}, with {@code max-backoff} checked to be at least {@code backoff}. */
  private static SyncQueueConfig syncQueue(
      Map<ConfigKey, Object> v, Map<ConfigKey, RawValue> raw) {
    Duration backoff = (Duration) v.get(ConfigKey.SYNC_QUEUE_BACKOFF);
    Duration maxBackoff = (Duration) v.get(ConfigKey.SYNC_QUEUE_MAX_BACKOFF);
    if (maxBackoff.compareTo(backoff) < 0) {
      RawValue max = raw.get(ConfigKey.SYNC_QUEUE_MAX_BACKOFF);
      throw new ConfigException(
          max.origin(),
          "must be at least sync.queue.backoff ("
              + raw.get(ConfigKey.SYNC_QUEUE_BACKOFF).text().strip()
              + "), got "
              + max.text().strip());
    }
    return new SyncQueueConfig(
        (Integer) v.get(ConfigKey.SYNC_QUEUE_MAX),
        (Integer) v.get(ConfigKey.SYNC_QUEUE_CONCURRENCY),
        (Integer) v.get(ConfigKey.SYNC_QUEUE_RETRIES),
        backoff,
        maxBackoff);
  }

  @SuppressWarnings("unchecked")
  private static MirrorConfig assemble(
      Map<ConfigKey, Object> v,
      Map<ConfigKey, RawValue> raw,
      StorageConfig storage,
      MetadataConfig metadata,
      GitConfig git,
      List<Route> routes,
      List<UpstreamTimeoutOverride> timeoutOverrides) {
    return new MirrorConfig(
        new ServerConfig(
            (String) v.get(ConfigKey.SERVER_HOST),
            (Integer) v.get(ConfigKey.SERVER_PORT),
            (Integer) v.get(ConfigKey.SERVER_INSTANCES),
            (Duration) v.get(ConfigKey.SERVER_HEADER_TIMEOUT),
            (Duration) v.get(ConfigKey.SERVER_SHUTDOWN_TIMEOUT)),
        storage,
        metadata,
        (String) v.get(ConfigKey.UPSTREAM),
        (PathPatterns) v.get(ConfigKey.PRIVATE),
        (PathPatterns) v.get(ConfigKey.NOPROXY),
        routes,
        new UpstreamTimeouts(
            (Duration) v.get(ConfigKey.UPSTREAM_TIMEOUTS_CONNECT),
            (Duration) v.get(ConfigKey.UPSTREAM_TIMEOUTS_FIRST_BYTE),
            (Duration) v.get(ConfigKey.UPSTREAM_TIMEOUTS_IDLE),
            (Duration) v.get(ConfigKey.UPSTREAM_TIMEOUTS_TOTAL),
            timeoutOverrides),
        new UpstreamHealthConfig(
            (Integer) v.get(ConfigKey.UPSTREAM_HEALTH_FAILURES_TO_OPEN),
            (Duration) v.get(ConfigKey.UPSTREAM_HEALTH_PROBE_INTERVAL),
            (Duration) v.get(ConfigKey.UPSTREAM_HEALTH_OPEN_FOR)),
        new UpstreamRetryConfig(
            (Integer) v.get(ConfigKey.UPSTREAM_RETRIES_MAX),
            (Duration) v.get(ConfigKey.UPSTREAM_RETRIES_BACKOFF)),
        git,
        new CacheConfig(
            (Duration) v.get(ConfigKey.CACHE_LIST_TTL),
            (Duration) v.get(ConfigKey.CACHE_NEGATIVE_TTL),
            (Long) v.get(ConfigKey.CACHE_MEMORY_ENTRIES),
            (Long) v.get(ConfigKey.CACHE_MEMORY_BYTES)),
        new SumdbConfig(
            (List<SumdbDatabase>) v.get(ConfigKey.SUMDB_DATABASES),
            (PathPatterns) v.get(ConfigKey.NOSUMDB),
            (Duration) v.get(ConfigKey.SUMDB_LOOKUP_TTL),
            (Duration) v.get(ConfigKey.SUMDB_TILE_TTL)),
        new FetchConfig(
            (Integer) v.get(ConfigKey.FETCH_MAX_CONCURRENT),
            (Integer) v.get(ConfigKey.FETCH_CONNECTIONS_PER_UPSTREAM),
            (Integer) v.get(ConfigKey.FETCH_QUEUE),
            (Duration) v.get(ConfigKey.FETCH_QUEUE_WAIT)),
        new SyncIndexConfig(
            (Boolean) v.get(ConfigKey.SYNC_INDEX_ENABLED),
            (URI) v.get(ConfigKey.SYNC_INDEX_URL),
            (Duration) v.get(ConfigKey.SYNC_INDEX_POLL_INTERVAL),
            (Optional<Instant>) v.get(ConfigKey.SYNC_INDEX_SINCE),
            (Integer) v.get(ConfigKey.SYNC_INDEX_LIMIT)),
        syncQueue(v, raw),
        new SyncExpansionConfig(
            (Boolean) v.get(ConfigKey.SYNC_EXPANSION_ENABLED),
            (Integer) v.get(ConfigKey.SYNC_EXPANSION_DEPTH)),
        new LogConfig((String) v.get(ConfigKey.LOG_FORMAT), (String) v.get(ConfigKey.LOG_LEVEL)),
        watchList(v),
        (Duration) v.get(ConfigKey.SYNC_LEADER_TTL),
        new AdminConfig((Optional<String>) v.get(ConfigKey.ADMIN_TOKEN)));
  }

  /** Checks the watch-list file now, so that a missing or invalid one stops the start. */
  @SuppressWarnings("unchecked")
  private static SyncWatchListConfig watchList(Map<ConfigKey, Object> v) {
    Optional<Path> file = (Optional<Path>) v.get(ConfigKey.SYNC_WATCHLIST);
    file.ifPresent(WatchList::load);
    return new SyncWatchListConfig(file, (Duration) v.get(ConfigKey.SYNC_WATCHLIST_CHECK));
  }
}
