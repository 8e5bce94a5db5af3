package io.goproxymirror.sync.watch;

import io.goproxymirror.config.sync.WatchList;
import io.goproxymirror.sync.port.StoredVersions;
import io.goproxymirror.sync.port.VersionLister;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link WatchPoller} asks at each round: which entries are watched, which modules were
 * seen under the glob entries, which versions a module has, and which of them are stored.
 *
 * @param watchList the watch list in use
 * @param known the modules seen under glob entries
 * @param lister lists a module's versions from its sources
 * @param stored tells whether a version is stored
 */
public record PollSources(
    Supplier<WatchList> watchList, KnownModules known, VersionLister lister, StoredVersions stored) {
  public PollSources {
    Objects.requireNonNull(watchList, "watchList");
    Objects.requireNonNull(known, "known");
    Objects.requireNonNull(lister, "lister");
    Objects.requireNonNull(stored, "stored");
  }
}
