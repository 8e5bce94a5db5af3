package io.goproxymirror.mirror.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The staging directory {@code <dataDir>/.tmp}, where blobs are written completely before {@link
 * BlobStore#put} renames them into place. It lives on the data directory's file system, so the
 * rename is atomic, and its name starts with '.', so nothing in it is ever reachable as a key.
 */
public class StagingArea {
  private static final String DIRECTORY = ".tmp";

  private final Path root;

  public StagingArea(Path dataDir) {
    this.root = dataDir.toAbsolutePath().normalize().resolve(DIRECTORY);
  }

  /** The staging directory (it may not exist yet). */
  public Path root() {
    return root;
  }

  /**
   * Creates a new, unique, empty file in the staging directory, with the default permissions of
   * the process (unlike {@link Files#createTempFile}, which makes it private to the owner).
   */
  public Path newFile() throws IOException {
    Files.createDirectories(root);
    while (true) {
      try {
        return Files.createFile(root.resolve("stage-" + UUID.randomUUID() + ".part"));
      } catch (FileAlreadyExistsException collision) {
        // practically impossible with random UUIDs; pick another name
      }
    }
  }

  /**
   * Deletes everything left in the staging directory by writes that never completed (a crash,
   * a kill). Call it once at start, before any write begins.
   *
   * @return how many entries of the staging directory were removed
   * @throws UncheckedIOException when a leftover cannot be removed
   */
  public int cleanLeftovers() {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> entries = Files.list(root)) {
      List<Path> leftovers = entries.collect(Collectors.toList());
      for (Path leftover : leftovers) {
        deleteTree(leftover);
      }
      return leftovers.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean staging directory " + root, e);
    }
  }

  private static void deleteTree(Path path) throws IOException {
    BasicFileAttributes attrs =
        Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attrs.isDirectory()) {
      try (Stream<Path> tree = Files.walk(path)) {
        for (Path p : tree.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
          Files.deleteIfExists(p);
        }
      }
    } else {
      Files.deleteIfExists(path);
    }
  }
}
