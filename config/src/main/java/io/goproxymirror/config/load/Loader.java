package io.goproxymirror.config.load;

import io.goproxymirror.config.AdminConfig;
import io.goproxymirror.config.CacheConfig;
import io.goproxymirror.config.FetchConfig;
import io.goproxymirror.config.LogConfig;
import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.ServerConfig;
import io.goproxymirror.config.ServerTlsConfig;
import io.goproxymirror.config.SumdbConfig;
import io.goproxymirror.config.auth.AuthConfig;
import io.goproxymirror.config.git.GitConfig;
import io.goproxymirror.config.git.GitCredentials;
import io.goproxymirror.config.git.GitRepositoryTemplates;
import io.goproxymirror.config.git.GitRewrites;
import io.goproxymirror.config.source.ListItem;
import io.goproxymirror.config.source.RawValue;
import io.goproxymirror.config.source.SecretReferences;
import io.goproxymirror.config.storage.MetadataConfig;
import io.goproxymirror.config.storage.StorageConfig;
import io.goproxymirror.config.sync.SyncExpansionConfig;
import io.goproxymirror.config.sync.SyncIndexConfig;
import io.goproxymirror.config.sync.SyncQueueConfig;
import io.goproxymirror.config.sync.SyncWatchListConfig;
import io.goproxymirror.config.sync.WatchList;
import io.goproxymirror.config.upstream.Route;
import io.goproxymirror.config.upstream.Routes;
import io.goproxymirror.config.upstream.UpstreamHealthConfig;
import io.goproxymirror.config.upstream.UpstreamRetryConfig;
import io.goproxymirror.config.upstream.UpstreamTimeoutOverride;
import io.goproxymirror.config.upstream.UpstreamTimeoutOverrides;
import io.goproxymirror.config.upstream.UpstreamTimeouts;
import io.goproxymirror.config.value.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the sources, converts every value once and builds the {@link MirrorConfig}, in the order
 * {@link ConfigLoader} describes; {@link ConfigLoader} is its public face.
 */
public final class Loader {

  private Loader() {}

  /**
   * @param file the configuration file, if one was given on the command line
   * @param env the environment variables to read
   * @throws ConfigException for the first problem found
   */
  public static MirrorConfig load(Optional<Path> file, Map<String, String> env) {
    Map<Key<?>, RawValue> raw = new LinkedHashMap<>();
    for (Key<?> key : ConfigKeys.all()) {
      raw.put(key, new RawValue(key.defaultText(), key.path()));
    }
    FileSettings settings = new FileSettings(Map.of(), Map.of());
    if (file.isPresent()) {
      Path path = file.get();
      settings = ConfigFile.read(path, path.toString(), env);
    } else {
      String named = env.get(ConfigLoader.CONFIG_FILE_VARIABLE);
      if (named != null && !named.isBlank()) {
        String label = ConfigLoader.CONFIG_FILE_VARIABLE + " (" + named + ")";
        settings = ConfigFile.read(Path.of(named.strip()), label, env);
      }
    }
    Map<Key<?>, RawValue> overrides = EnvironmentOverrides.read(env);
    raw.putAll(settings.values());
    raw.putAll(overrides);
    ConfigValues values = ConfigValues.convert(raw);
    Path home = home(env);
    SecretReferences secrets = new SecretReferences(env, home);
    StorageConfig storage = S3Settings.storage(values, secrets);
    boolean typeGiven = settings.values().containsKey(ConfigKeys.METADATA_TYPE)
        || overrides.containsKey(ConfigKeys.METADATA_TYPE);
    MetadataConfig metadata = MetadataConfigBuilder.build(
        values,
        typeGiven ? Optional.of(values.raw(ConfigKeys.METADATA_TYPE).origin()) : Optional.empty(),
        values.raw(ConfigKeys.METADATA_REDIS_URL).origin(),
        secrets);
    List<Route> routes = Routes.parse(settings.lists().getOrDefault(ListKey.ROUTES, List.of()));
    List<UpstreamTimeoutOverride> timeoutOverrides = UpstreamTimeoutOverrides.parse(
        settings.lists().getOrDefault(ListKey.UPSTREAM_TIMEOUT_OVERRIDES, List.of()));
    GitConfig git = git(values, settings.lists(), secrets, home);
    AuthConfig auth = AuthConfigReader.read(values, settings.lists());
    ServerTlsConfig tls = serverTls(values, secrets);
    return assemble(values, new Built(storage, metadata, git, routes, timeoutOverrides, auth, tls));
  }

  private static Path home(Map<String, String> env) {
    String homeVar = env.get("HOME");
    return Path.of(homeVar == null || homeVar.isBlank() ? System.getProperty("user.home") : homeVar);
  }

  private static GitConfig git(
      ConfigValues v, Map<ListKey, List<ListItem>> lists, SecretReferences secrets, Path home) {
    GitCredentials credentials = new GitCredentials(secrets, home);
    return new GitConfig(
        v.get(ConfigKeys.GIT_WORKERS),
        v.get(ConfigKeys.GIT_QUEUE),
        v.get(ConfigKeys.GIT_CONNECT_TIMEOUT),
        v.get(ConfigKeys.GIT_IDLE_TIMEOUT),
        v.get(ConfigKeys.GIT_TOTAL_TIMEOUT),
        v.get(ConfigKeys.GIT_REFS_TTL),
        GitRewrites.parse(lists.getOrDefault(ListKey.GIT_REWRITES, List.of())),
        GitRepositoryTemplates.parse(lists.getOrDefault(ListKey.GIT_REPOSITORIES, List.of())),
        credentials.parse(lists.getOrDefault(ListKey.GIT_CREDENTIALS, List.of())));
  }

  /** {@code sync.queue.*}, with {@code max-backoff} checked to be at least {@code backoff}. */
  private static SyncQueueConfig syncQueue(ConfigValues v) {
    Duration backoff = v.get(ConfigKeys.SYNC_QUEUE_BACKOFF);
    Duration maxBackoff = v.get(ConfigKeys.SYNC_QUEUE_MAX_BACKOFF);
    if (maxBackoff.compareTo(backoff) < 0) {
      RawValue max = v.raw(ConfigKeys.SYNC_QUEUE_MAX_BACKOFF);
      throw new ConfigException(
          max.origin(),
          "must be at least sync.queue.backoff ("
              + v.raw(ConfigKeys.SYNC_QUEUE_BACKOFF).text().strip()
              + "), got "
              + max.text().strip());
    }
    return new SyncQueueConfig(
        v.get(ConfigKeys.SYNC_QUEUE_MAX),
        v.get(ConfigKeys.SYNC_QUEUE_CONCURRENCY),
        v.get(ConfigKeys.SYNC_QUEUE_RETRIES),
        backoff,
        maxBackoff);
  }

  /** The parts built and checked from several keys or from the lists. */
  private record Built(
      StorageConfig storage,
      MetadataConfig metadata,
      GitConfig git,
      List<Route> routes,
      List<UpstreamTimeoutOverride> timeoutOverrides,
      AuthConfig auth,
      ServerTlsConfig tls) {}

  private static MirrorConfig assemble(ConfigValues v, Built built) {
    return new MirrorConfig(
        new ServerConfig(
            v.get(ConfigKeys.SERVER_HOST),
            v.get(ConfigKeys.SERVER_PORT),
            v.get(ConfigKeys.SERVER_INSTANCES),
            v.get(ConfigKeys.SERVER_HEADER_TIMEOUT),
            v.get(ConfigKeys.SERVER_SHUTDOWN_DELAY),
            v.get(ConfigKeys.SERVER_SHUTDOWN_TIMEOUT),
            built.tls()),
        built.storage(),
        built.metadata(),
        v.get(ConfigKeys.UPSTREAM),
        v.get(ConfigKeys.PRIVATE),
        v.get(ConfigKeys.NOPROXY),
        built.routes(),
        new UpstreamTimeouts(
            v.get(ConfigKeys.UPSTREAM_TIMEOUTS_CONNECT),
            v.get(ConfigKeys.UPSTREAM_TIMEOUTS_FIRST_BYTE),
            v.get(ConfigKeys.UPSTREAM_TIMEOUTS_IDLE),
            v.get(ConfigKeys.UPSTREAM_TIMEOUTS_TOTAL),
            built.timeoutOverrides()),
        new UpstreamHealthConfig(
            v.get(ConfigKeys.UPSTREAM_HEALTH_FAILURES_TO_OPEN),
            v.get(ConfigKeys.UPSTREAM_HEALTH_PROBE_INTERVAL),
            v.get(ConfigKeys.UPSTREAM_HEALTH_OPEN_FOR)),
        new UpstreamRetryConfig(
            v.get(ConfigKeys.UPSTREAM_RETRIES_MAX), v.get(ConfigKeys.UPSTREAM_RETRIES_BACKOFF)),
        built.git(),
        new CacheConfig(
            v.get(ConfigKeys.CACHE_LIST_TTL),
            v.get(ConfigKeys.CACHE_NEGATIVE_TTL),
            v.get(ConfigKeys.CACHE_MEMORY_ENTRIES),
            v.get(ConfigKeys.CACHE_MEMORY_BYTES)),
        new SumdbConfig(
            v.get(ConfigKeys.SUMDB_DATABASES),
            v.get(ConfigKeys.NOSUMDB),
            v.get(ConfigKeys.SUMDB_LOOKUP_TTL),
            v.get(ConfigKeys.SUMDB_TILE_TTL)),
        new FetchConfig(
            v.get(ConfigKeys.FETCH_MAX_CONCURRENT),
            v.get(ConfigKeys.FETCH_CONNECTIONS_PER_UPSTREAM),
            v.get(ConfigKeys.FETCH_QUEUE),
            v.get(ConfigKeys.FETCH_QUEUE_WAIT)),
        new SyncIndexConfig(
            v.get(ConfigKeys.SYNC_INDEX_ENABLED),
            v.get(ConfigKeys.SYNC_INDEX_URL),
            v.get(ConfigKeys.SYNC_INDEX_POLL_INTERVAL),
            v.get(ConfigKeys.SYNC_INDEX_SINCE),
            v.get(ConfigKeys.SYNC_INDEX_LIMIT)),
        syncQueue(v),
        new SyncExpansionConfig(
            v.get(ConfigKeys.SYNC_EXPANSION_ENABLED), v.get(ConfigKeys.SYNC_EXPANSION_DEPTH)),
        new LogConfig(v.get(ConfigKeys.LOG_FORMAT), v.get(ConfigKeys.LOG_LEVEL)),
        watchList(v),
        v.get(ConfigKeys.SYNC_LEADER_TTL),
        new AdminConfig(v.get(ConfigKeys.ADMIN_TOKEN)),
        built.auth());
  }

  /**
   * {@code server.tls.*}: both files or neither, each existing and readable now, so that a typo
   * stops the start with the key's name rather than at the first TLS handshake.
   */
  private static ServerTlsConfig serverTls(ConfigValues v, SecretReferences secrets) {
    Optional<Path> cert = v.get(ConfigKeys.SERVER_TLS_CERT_FILE);
    Optional<Path> key = v.get(ConfigKeys.SERVER_TLS_KEY_FILE);
    if (cert.isPresent() != key.isPresent()) {
      Key<?> missing = cert.isPresent() ? ConfigKeys.SERVER_TLS_KEY_FILE : ConfigKeys.SERVER_TLS_CERT_FILE;
      Key<?> given = cert.isPresent() ? ConfigKeys.SERVER_TLS_CERT_FILE : ConfigKeys.SERVER_TLS_KEY_FILE;
      throw new ConfigException(v.raw(given).origin(),
          "is set but " + missing.path() + " (env " + missing.genericEnvVar() + ") is not; HTTPS needs both");
    }
    cert.ifPresent(file -> secrets.readableFile(v.raw(ConfigKeys.SERVER_TLS_CERT_FILE).origin(), file, "", true));
    key.ifPresent(file -> secrets.readableFile(v.raw(ConfigKeys.SERVER_TLS_KEY_FILE).origin(), file, "", true));
    return new ServerTlsConfig(cert, key, v.get(ConfigKeys.SERVER_TLS_RELOAD_CHECK));
  }

  /** Checks the watch-list file now, so that a missing or invalid one stops the start. */
  private static SyncWatchListConfig watchList(ConfigValues v) {
    Optional<Path> file = v.get(ConfigKeys.SYNC_WATCHLIST);
    file.ifPresent(WatchList::load);
    return new SyncWatchListConfig(file, v.get(ConfigKeys.SYNC_WATCHLIST_CHECK));
  }
}
