package io.goproxymirror.mirror.modzip;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds paths that are equal under Unicode case folding, and paths used both as a file and as a
 * directory, over a sequence of file paths and the directories they imply (x/mod's collision
 * checker). One instance per module zip.
 */
final class FoldCollisions {
  private record Seen(String path, boolean directory) {}

  private final Map<String, Seen> seenByFold = new HashMap<>();

  /** Records the file {@code path} and its parent directories; the problem found, or null. */
  String addFile(String path) {
    return add(path, false);
  }

  /**
   * Records {@code path} (a file, or a directory when {@code isDirectory}) and its parent
   * directories; the problem found, or null.
   */
  String add(String path, boolean isDirectory) {
    String p = path;
    boolean directory = isDirectory;
    while (true) {
      Seen other = seenByFold.putIfAbsent(CaseFold.key(p), new Seen(p, directory));
      if (other != null) {
        if (!other.path().equals(p)) {
          return "case-insensitive file name collision: " + EntryNames.display(other.path())
              + " and " + EntryNames.display(p);
        }
        if (other.directory() != directory) {
          return "entry " + EntryNames.display(p) + " is both a file and a directory";
        }
        if (!directory) {
          return "multiple entries for file " + EntryNames.display(p);
        }
      }
      int slash = p.lastIndexOf('/');
      if (slash < 0) {
        return null;
      }
      p = p.substring(0, slash);
      directory = true;
    }
  }
}
