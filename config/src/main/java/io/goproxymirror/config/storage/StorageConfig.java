package io.goproxymirror.config.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code storage.*}.
 *
 * @param path {@code storage.path} (env {@code MIRROR_DATA_DIR}), default {@code ./data}: module
 *     files when the type is {@code file}; with {@code s3} still the embedded metadata and the
 *     staging area for downloads in progress
 * @param ioThreads {@code storage.io-threads}, size of each of the two bounded pools for blocking
 *     storage work (reads for hits; verification, hashing and writes for misses), default 16
 * @param type {@code storage.type}: {@code file} (the default) or {@code s3}
 * @param s3 {@code storage.s3.*}, used when the type is {@code s3}; checked for form whatever the
 *     type
 * @param minFree {@code storage.min-free} (env {@code MIRROR_STORAGE_MIN_FREE}), default 1GiB:
 *     below this much free space on the data directory's file system no new miss is taken (hits
 *     are still served); 0 turns the check off
 */
public record StorageConfig(Path path, int ioThreads, StorageType type, S3Config s3, long minFree) {

  public StorageConfig {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(s3, "s3");
  }
}
