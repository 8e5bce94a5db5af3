package io.goproxymirror.mirror.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path under a directory with its size (-1 for directories), to prove nothing changed. */
final class FileTreeSnapshot {
  private FileTreeSnapshot() {}

  static Map<String, Long> of(Path root) throws IOException {
    Map<String, Long> entries = new TreeMap<>();
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : (Iterable<Path>) tree::iterator) {
        entries.put(root.relativize(p).toString(), Files.isDirectory(p) ? -1L : Files.size(p));
      }
    }
    return entries;
  }
}
