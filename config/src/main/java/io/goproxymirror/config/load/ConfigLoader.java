package io.goproxymirror.config.load;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.Loader;
import io.goproxymirror.config.storage.MetadataConfig;
import io.goproxymirror.config.sync.WatchList;
import io.goproxymirror.config.value.ConfigException;
import java.nio.file.Path;
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
    return Loader.load(file, env);
  }

  /** The configuration with every key at its default. */
  public static MirrorConfig defaults() {
    return load(Optional.empty(), Map.of());
  }
}
