package io.goproxymirror.config.load;

import io.goproxymirror.config.source.SecretReferences;
import io.goproxymirror.config.storage.S3Config;
import io.goproxymirror.config.storage.StorageConfig;
import io.goproxymirror.config.storage.StorageType;
import io.goproxymirror.config.value.ConfigException;

/**
 * Builds {@link StorageConfig} from converted values and checks what involves several keys: an
 * {@code s3} type needs a bucket; {@code access-key-env} and {@code secret-key-env} go together,
 * and with the {@code s3} type the variables they name must be set and non-empty, and {@code
 * max-connections} must exceed twice {@code storage.io-threads} (the read and the write pools).
 */
final class S3Settings {

  private S3Settings() {}

  static StorageConfig storage(ConfigValues v, SecretReferences secrets) {
    StorageType type = v.get(ConfigKeys.STORAGE_TYPE);
    S3Config s3 =
        new S3Config(
            v.get(ConfigKeys.STORAGE_S3_BUCKET),
            v.get(ConfigKeys.STORAGE_S3_ENDPOINT),
            v.get(ConfigKeys.STORAGE_S3_REGION),
            v.get(ConfigKeys.STORAGE_S3_PATH_STYLE),
            v.get(ConfigKeys.STORAGE_S3_PREFIX),
            v.get(ConfigKeys.STORAGE_S3_ACCESS_KEY_ENV),
            v.get(ConfigKeys.STORAGE_S3_SECRET_KEY_ENV),
            v.get(ConfigKeys.STORAGE_S3_PART_SIZE),
            v.get(ConfigKeys.STORAGE_S3_TIMEOUT),
            v.get(ConfigKeys.STORAGE_S3_MAX_CONNECTIONS));
    checkVariablePair(s3);
    int ioThreads = v.get(ConfigKeys.STORAGE_IO_THREADS);
    if (type == StorageType.S3) {
      if (s3.bucket().isEmpty()) {
        throw new ConfigException(
            ConfigKeys.STORAGE_S3_BUCKET.path(),
            "must be set when storage.type is s3 (the name of an existing bucket)");
      }
      if (s3.maxConnections() <= 2 * ioThreads) {
        throw new ConfigException(
            ConfigKeys.STORAGE_S3_MAX_CONNECTIONS.path(),
            "must be greater than twice storage.io-threads (2 x " + ioThreads + "): each blocking"
                + " thread of the read and write pools keeps one connection, the rest serve files"
                + " streaming from the bucket");
      }
      s3.accessKeyEnv().ifPresent(n -> secrets.variable(ConfigKeys.STORAGE_S3_ACCESS_KEY_ENV.path(), n));
      s3.secretKeyEnv().ifPresent(n -> secrets.variable(ConfigKeys.STORAGE_S3_SECRET_KEY_ENV.path(), n));
    }
    return new StorageConfig(
        v.get(ConfigKeys.STORAGE_PATH), ioThreads, type, s3, v.get(ConfigKeys.STORAGE_MIN_FREE));
  }

  private static void checkVariablePair(S3Config s3) {
    if (s3.accessKeyEnv().isPresent() == s3.secretKeyEnv().isPresent()) {
      return;
    }
    Key<?> missing =
        s3.accessKeyEnv().isPresent()
            ? ConfigKeys.STORAGE_S3_SECRET_KEY_ENV
            : ConfigKeys.STORAGE_S3_ACCESS_KEY_ENV;
    throw new ConfigException(
        missing.path(),
        "must be set too: access-key-env and secret-key-env go together (leave both unset to use"
            + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or another source of the AWS SDK's"
            + " default chain)");
  }
}
