package io.goproxymirror.config.storage;

import java.util.Objects;

/**
 * {@code metadata.*}: where the records of stored artifacts and the cached {@code list} and
 * {@code @latest} answers are kept.
 *
 * @param type {@code metadata.type} (env {@code MIRROR_METADATA_TYPE}): {@link Type#EMBEDDED}, a
 *     store file under {@code storage.path} for a single process, or {@link Type#REDIS}, shared by
 *     every replica. When the key is not given (neither in the file nor by {@code
 *     MIRROR_METADATA_TYPE}) it is {@code redis} if {@code metadata.redis.url} is set (for example
 *     by {@code MIRROR_REDIS_URL}) and {@code embedded} otherwise; given as {@code embedded}
 *     together with a URL it is an error, so a URL is never silently ignored
 * @param redis {@code metadata.redis.*}, checked only when {@code type} is {@code REDIS}; always
 *     present, at its defaults when unused
 */
public record MetadataConfig(Type type, RedisConfig redis) {

  /** Which metadata store the mirror uses. */
  public enum Type {
    /** The embedded store under the data directory: one process. */
    EMBEDDED,
    /** Redis, shared by every replica. */
    REDIS
  }

  public MetadataConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(redis, "redis");
  }
}
