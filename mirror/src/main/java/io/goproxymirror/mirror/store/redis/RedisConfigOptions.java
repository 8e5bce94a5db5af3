package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.config.storage.RedisConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the validated {@code metadata.redis.*} configuration into {@link RedisStoreOptions},
 * reading the password from the variable or file the configuration names. Blocking (it may read a
 * file): call it at start.
 */
public final class RedisConfigOptions {

  private RedisConfigOptions() {}

  /**
   * @param config the {@code metadata.redis} section, with a URL
   * @param env the environment variables, for {@code password-env}
   * @throws IllegalStateException with a one-line message naming the key when there is no URL,
   *     the variable is unset or empty, or the file cannot be read or is empty; never the password
   */
  public static RedisStoreOptions from(RedisConfig config, Map<String, String> env) {
    if (config.url().isEmpty()) {
      throw new IllegalStateException("metadata.redis.url is not set");
    }
    RedisStoreOptions.Topology topology = switch (config.mode()) {
      case STANDALONE -> RedisStoreOptions.Topology.STANDALONE;
      case SENTINEL -> RedisStoreOptions.Topology.SENTINEL;
      case CLUSTER -> RedisStoreOptions.Topology.CLUSTER;
    };
    return new RedisStoreOptions(
        topology,
        config.connectionStrings(),
        config.masterName(),
        password(config, env),
        config.poolSize(),
        config.maxWaiting(),
        config.commandTimeout(),
        config.keyPrefix());
  }

  private static Optional<String> password(RedisConfig config, Map<String, String> env) {
    if (config.passwordEnv().isPresent()) {
      String name = config.passwordEnv().get();
      String value = env.get(name);
      if (value == null || value.isEmpty()) {
        throw new IllegalStateException(
            "metadata.redis.password-env: environment variable " + name + " is not set or empty");
      }
      return Optional.of(value);
    }
    if (config.passwordFile().isPresent()) {
      String text;
      try {
        text = Files.readString(config.passwordFile().get(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalStateException("metadata.redis.password-file: cannot read "
            + config.passwordFile().get() + " (" + e.getClass().getSimpleName() + ")", e);
      }
      if (text.isEmpty()) {
        throw new IllegalStateException(
            "metadata.redis.password-file: " + config.passwordFile().get() + " is empty");
      }
      return Optional.of(text);
    }
    return Optional.empty();
  }
}
