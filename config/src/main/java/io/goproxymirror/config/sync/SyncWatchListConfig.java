package io.goproxymirror.config.sync;

import io.goproxymirror.config.load.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The watch list of the sync worker. When a file is given, {@link ConfigLoader} reads and checks it
 * ({@link WatchList#load(Path)}), so a missing or invalid watch list stops the start.
 *
 * @param file {@code sync.watchlist} (env {@code MIRROR_WATCHLIST}): the watch-list YAML file;
 *     default none, which watches nothing
 * @param checkInterval {@code sync.watchlist-check}: how often the file is checked for changes,
 *     default 2s
 */
public record SyncWatchListConfig(Optional<Path> file, Duration checkInterval) {}
