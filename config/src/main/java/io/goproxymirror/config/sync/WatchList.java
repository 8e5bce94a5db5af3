package io.goproxymirror.config.sync;

import io.goproxymirror.config.value.ConfigException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The watch list ({@code sync.watchlist}): the modules whose new versions the sync worker
 * prefetches before anyone asks. Entries keep their file order and the first one that matches a
 * module path decides for it. Instances are immutable.
 *
 * <p>The file is YAML with one key, {@code modules}, a list of entries with {@code path}
 * (required), {@code versions} (required), {@code prerelease} (default false) and {@code poll}
 * (optional duration); see {@code config/examples/watchlist.yaml}, {@link WatchEntry} and {@link
 * VersionPolicy}.
 */
public final class WatchList {

  private static final WatchList EMPTY = new WatchList(List.of());

  private final List<WatchEntry> entries;

  public WatchList(List<WatchEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The list with no entries, which matches nothing. */
  public static WatchList empty() {
    return EMPTY;
  }

  /**
   * Reads and checks a watch-list file.
   *
   * @throws ConfigException with a one-line message naming the file, and the entry and key at fault
   */
  public static WatchList load(Path file) {
    return parse(read(file), file);
  }

  /**
   * The bytes of a watch-list file, for callers that compare versions of it before parsing.
   *
   * @throws ConfigException when it is missing, a directory or unreadable
   */
  public static byte[] read(Path file) {
    return WatchListFile.read(file, label(file));
  }

  /**
   * Parses the content of a watch-list file.
   *
   * @param file names the file in messages
   * @throws ConfigException with a one-line message naming the file, and the entry and key at fault
   */
  public static WatchList parse(byte[] content, Path file) {
    return new WatchList(WatchListFile.parse(content, label(file)));
  }

  private static String label(Path file) {
    return "sync.watchlist (" + file + ")";
  }

  /** The entries, in file order. */
  public List<WatchEntry> entries() {
    return entries;
  }

  public int size() {
    return entries.size();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The first entry, in file order, whose path or glob matches {@code modulePath}. */
  public Optional<WatchEntry> entryFor(String modulePath) {
    return entries.stream().filter(e -> e.matches(modulePath)).findFirst();
  }

  /**
   * Whether {@code version} of {@code modulePath} is to be prefetched: the module is watched and its
   * entry's policy admits the version (see {@link VersionPolicy#admits}).
   */
  public boolean admits(String modulePath, String version, Collection<String> knownVersions) {
    return entryFor(modulePath).map(e -> e.versions().admits(version, knownVersions)).orElse(false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WatchList other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return "WatchList" + entries;
  }
}
