package io.goproxymirror.mirror.store;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Moves a complete staged file into its final place durably: fsync the file, rename it atomically
 * over the target, fsync the directories whose entries changed. A staged file on another file
 * system is first copied into the store's own staging area (same file system as the target), so
 * the final step is always an atomic rename and no temporary name ever appears next to a blob.
 * Blocking: call it on an I/O thread.
 */
final class BlobInstaller {
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private final StagingArea staging;

  BlobInstaller(StagingArea staging) {
    this.staging = staging;
  }

  void install(Path staged, Path target) throws IOException {
    if (!Files.isRegularFile(staged)) {
      throw new IOException("staged file is missing or not a regular file: " + staged);
    }
    Path dir = target.getParent();
    Path existingAncestor = dir;
    while (existingAncestor != null && !Files.isDirectory(existingAncestor)) {
      existingAncestor = existingAncestor.getParent();
    }
    Files.createDirectories(dir);
    try {
      syncFile(staged);
      Files.move(staged, target, ATOMIC_MOVE, REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException otherFileSystem) {
      moveAcross(staged, target);
    }
    syncDirectory(dir);
    for (Path created = dir; !created.equals(existingAncestor); created = created.getParent()) {
      syncDirectory(created.getParent());
    }
  }

  private void moveAcross(Path staged, Path target) throws IOException {
    Path local = staging.newFile();
    try {
      Files.copy(staged, local, REPLACE_EXISTING);
      syncFile(local);
      Files.move(local, target, ATOMIC_MOVE, REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(local);
    }
    Files.deleteIfExists(staged);
  }

  private static void syncFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (!WINDOWS) { // directories cannot be opened for fsync there; NTFS journals renames
        throw e;
      }
    }
  }
}
