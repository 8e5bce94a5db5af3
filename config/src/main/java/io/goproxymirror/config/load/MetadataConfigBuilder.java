package io.goproxymirror.config.load;

import io.goproxymirror.config.source.SecretReferences;
import io.goproxymirror.config.storage.MetadataConfig;
import io.goproxymirror.config.storage.RedisConfig;
import io.goproxymirror.config.storage.RedisUrls;
import io.goproxymirror.config.value.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds {@link MetadataConfig} from converted values: picks the store type (a Redis URL selects
 * {@code redis} unless {@code metadata.type} was given), then checks the {@code metadata.redis.*}
 * keys against each other when Redis is used. Unused Redis keys are not checked.
 */
final class MetadataConfigBuilder {

  private static final String TYPE = ConfigKeys.METADATA_TYPE.path();
  private static final String URL = ConfigKeys.METADATA_REDIS_URL.path();
  private static final String MODE = ConfigKeys.METADATA_REDIS_MODE.path();
  private static final String ENDPOINTS = ConfigKeys.METADATA_REDIS_ENDPOINTS.path();
  private static final String MASTER_NAME = ConfigKeys.METADATA_REDIS_MASTER_NAME.path();
  private static final String PASSWORD_ENV = ConfigKeys.METADATA_REDIS_PASSWORD_ENV.path();
  private static final String PASSWORD_FILE = ConfigKeys.METADATA_REDIS_PASSWORD_FILE.path();

  private MetadataConfigBuilder() {}

  /**
   * @param v converted values of every key
   * @param typeOrigin where {@code metadata.type} was set ({@code metadata.type} for the file,
   *     {@code MIRROR_METADATA_TYPE (metadata.type)}); empty when it is at its default
   * @param urlOrigin where {@code metadata.redis.url} was set, for messages
   * @param secrets checks the password variable or file
   * @throws ConfigException naming the key for the first problem
   */
  static MetadataConfig build(
      ConfigValues v, Optional<String> typeOrigin, String urlOrigin, SecretReferences secrets) {
    String url = v.get(ConfigKeys.METADATA_REDIS_URL);
    MetadataConfig.Type type;
    if (typeOrigin.isEmpty()) {
      type = url.isEmpty() ? MetadataConfig.Type.EMBEDDED : MetadataConfig.Type.REDIS;
    } else {
      type = MetadataConfig.Type.valueOf(v.get(ConfigKeys.METADATA_TYPE).toUpperCase(Locale.ROOT));
      if (type == MetadataConfig.Type.EMBEDDED && !url.isEmpty()) {
        String by = urlOrigin.equals(URL) ? URL + " is set" : "a Redis URL is set by " + urlOrigin;
        throw new ConfigException(typeOrigin.get(), "is embedded, but " + by + "; set " + TYPE
            + " to redis to use it, or leave " + TYPE + " out so that the URL selects redis");
      }
    }
    RedisConfig.Mode mode =
        RedisConfig.Mode.valueOf(v.get(ConfigKeys.METADATA_REDIS_MODE).toUpperCase(Locale.ROOT));
    List<String> endpoints = v.get(ConfigKeys.METADATA_REDIS_ENDPOINTS);
    Optional<String> masterName = nonEmpty(v, ConfigKeys.METADATA_REDIS_MASTER_NAME);
    Optional<String> passwordEnv = nonEmpty(v, ConfigKeys.METADATA_REDIS_PASSWORD_ENV);
    Optional<Path> passwordFile =
        nonEmpty(v, ConfigKeys.METADATA_REDIS_PASSWORD_FILE).map(text -> secrets.path(PASSWORD_FILE, text));
    int poolSize = v.get(ConfigKeys.METADATA_REDIS_POOL_SIZE);
    int maxWaiting = v.get(ConfigKeys.METADATA_REDIS_MAX_WAITING);
    if (type == MetadataConfig.Type.REDIS) {
      checkRedis(url, mode, endpoints, masterName);
      if (maxWaiting < poolSize) {
        throw new ConfigException(ConfigKeys.METADATA_REDIS_MAX_WAITING.path(), "must be at least "
            + ConfigKeys.METADATA_REDIS_POOL_SIZE.path() + " (" + poolSize + "), got " + maxWaiting);
      }
      if (passwordEnv.isPresent() && passwordFile.isPresent()) {
        throw new ConfigException(PASSWORD_ENV, "set only one of " + PASSWORD_ENV + " and " + PASSWORD_FILE);
      }
      passwordEnv.ifPresent(name -> secrets.variable(PASSWORD_ENV, name));
      passwordFile.ifPresent(file -> secrets.readableFile(PASSWORD_FILE, file, "", true));
    }
    return new MetadataConfig(
        type,
        new RedisConfig(
            url.isEmpty() ? Optional.empty() : Optional.of(url),
            mode,
            endpoints,
            masterName,
            passwordEnv,
            passwordFile,
            poolSize,
            maxWaiting,
            v.get(ConfigKeys.METADATA_REDIS_COMMAND_TIMEOUT),
            v.get(ConfigKeys.METADATA_REDIS_KEY_PREFIX)));
  }

  private static void checkRedis(
      String url, RedisConfig.Mode mode, List<String> endpoints, Optional<String> masterName) {
    if (url.isEmpty()) {
      throw new ConfigException(URL, "must be set when " + TYPE + " is redis (or set MIRROR_REDIS_URL)");
    }
    String modeName = mode.name().toLowerCase(Locale.ROOT);
    if (mode == RedisConfig.Mode.STANDALONE && !endpoints.isEmpty()) {
      throw new ConfigException(ENDPOINTS, "is for the sentinels or cluster nodes of " + MODE
          + " sentinel or cluster; in standalone mode " + URL + " is the only server");
    }
    if (mode == RedisConfig.Mode.SENTINEL && masterName.isEmpty()) {
      throw new ConfigException(MASTER_NAME, "must be set when " + MODE + " is sentinel"
          + " (the name the sentinels monitor the master by)");
    }
    if (mode != RedisConfig.Mode.SENTINEL && masterName.isPresent()) {
      throw new ConfigException(MASTER_NAME, "is only used when " + MODE + " is sentinel, not " + modeName);
    }
    boolean tls = RedisUrls.tls(url);
    for (int i = 0; i < endpoints.size(); i++) {
      if (RedisUrls.tls(endpoints.get(i)) != tls) {
        throw new ConfigException(ENDPOINTS, "entry " + (i + 1) + " does not use the same scheme as "
            + URL + " (all redis:// or all rediss://)");
      }
    }
    if (mode == RedisConfig.Mode.CLUSTER) {
      if (RedisUrls.database(url).orElse(0) != 0) {
        throw new ConfigException(URL, "Redis Cluster has only database 0; remove the path");
      }
      for (int i = 0; i < endpoints.size(); i++) {
        if (RedisUrls.database(endpoints.get(i)).orElse(0) != 0) {
          throw new ConfigException(ENDPOINTS, "entry " + (i + 1) + ": Redis Cluster has only database 0");
        }
      }
    }
  }

  private static Optional<String> nonEmpty(ConfigValues v, Key<String> key) {
    String text = v.get(key);
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
