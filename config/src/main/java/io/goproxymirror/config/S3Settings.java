package io.goproxymirror.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link StorageConfig} from converted values and checks what involves several keys: an
 * {@code s3} type needs a bucket; {@code access-key-env} and {@code secret-key-env} go together,
 * and with the {@code s3} type the variables they name must be set and non-empty, and {@code
 * max-connections} must exceed twice {@code storage.io-threads} (the read and the write pools).
 */
final class S3Settings {

  private S3Settings() {}

  @SuppressWarnings("unchecked")
  static StorageConfig storage(Map<ConfigKey, Object> v, SecretReferences secrets) {
    StorageType type = (StorageType) v.get(ConfigKey.STORAGE_TYPE);
    S3Config s3 =
        new S3Config(
            (String) v.get(ConfigKey.STORAGE_S3_BUCKET),
            (Optional<URI>) v.get(ConfigKey.STORAGE_S3_ENDPOINT),
            (String) v.get(ConfigKey.STORAGE_S3_REGION),
            (Boolean) v.get(ConfigKey.STORAGE_S3_PATH_STYLE),
            (String) v.get(ConfigKey.STORAGE_S3_PREFIX),
            (Optional<String>) v.get(ConfigKey.STORAGE_S3_ACCESS_KEY_ENV),
            (Optional<String>) v.get(ConfigKey.STORAGE_S3_SECRET_KEY_ENV),
            (Long) v.get(ConfigKey.STORAGE_S3_PART_SIZE),
            (Duration) v.get(ConfigKey.STORAGE_S3_TIMEOUT),
            (Integer) v.get(ConfigKey.STORAGE_S3_MAX_CONNECTIONS));
    checkVariablePair(s3);
    int ioThreads = (Integer) v.get(ConfigKey.STORAGE_IO_THREADS);
    if (type == StorageType.S3) {
      if (s3.bucket().isEmpty()) {
        throw new ConfigException(
            ConfigKey.STORAGE_S3_BUCKET.path(),
            "must be set when storage.type is s3 (the name of an existing bucket)");
      }
      if (s3.maxConnections() <= 2 * ioThreads) {
        throw new ConfigException(
            ConfigKey.STORAGE_S3_MAX_CONNECTIONS.path(),
            "must be greater than twice storage.io-threads (2 x " + ioThreads + "): each blocking"
                + " thread of the read and write pools keeps one connection, the rest serve files"
                + " streaming from the bucket");
      }
      s3.accessKeyEnv().ifPresent(n -> secrets.variable(ConfigKey.STORAGE_S3_ACCESS_KEY_ENV.path(), n));
      s3.secretKeyEnv().ifPresent(n -> secrets.variable(ConfigKey.STORAGE_S3_SECRET_KEY_ENV.path(), n));
    }
    return new StorageConfig(
        (Path) v.get(ConfigKey.STORAGE_PATH),
        (Integer) v.get(ConfigKey.STORAGE_IO_THREADS),
        type,
        s3,
        (Long) v.get(ConfigKey.STORAGE_MIN_FREE));
  }

  private static void checkVariablePair(S3Config s3) {
    if (s3.accessKeyEnv().isPresent() == s3.secretKeyEnv().isPresent()) {
      return;
    }
    ConfigKey missing =
        s3.accessKeyEnv().isPresent()
            ? ConfigKey.STORAGE_S3_SECRET_KEY_ENV
            : ConfigKey.STORAGE_S3_ACCESS_KEY_ENV;
    throw new ConfigException(
        missing.path(),
        "must be set too: access-key-env and secret-key-env go together (leave both unset to use"
            + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or another source of the AWS SDK's"
            + " default chain)");
  }
}
