package io.goproxymirror.config;

import java.nio.file.Path;

/**
 * {@code storage.*}.
 *
 * @param path {@code storage.path} (env {@code MIRROR_DATA_DIR}), default {@code ./data}
 * @param ioThreads {@code storage.io-threads}, size of the bounded pool for blocking file I/O and
 *     hashing, default 16
 */
public record StorageConfig(Path path, int ioThreads) {}
