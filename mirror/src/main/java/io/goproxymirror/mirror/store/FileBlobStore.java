package io.goproxymirror.mirror.store;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Blobs as files under the data directory, at {@code <dataDir>/<key>}, so the data directory is
 * itself a valid {@code GOPROXY=file://<dataDir>} tree. Writes go through {@code <dataDir>/.tmp}
 * and an atomic rename; readers only ever see complete files. Keys are checked by {@link BlobKey}
 * before any I/O; a bad key fails the returned chain with {@link IllegalArgumentException} ({@link
 * #localFile} throws it). All file I/O runs on the given schedulers: reads on one, writes on the
 * other, so that reading a stored blob never waits for blobs being stored.
 */
public final class FileBlobStore implements BlobStore {
  private final Path root;
  private final Scheduler reads;
  private final Scheduler writes;
  private final StagingArea staging;
  private final BlobInstaller installer;

  /** A store whose reads and writes share the {@code io} scheduler. */
  public FileBlobStore(Path dataDir, Scheduler io) {
    this(dataDir, io, io);
  }

  /** A store that reads on {@code reads} and stores (fsync, rename) on {@code writes}. */
  public FileBlobStore(Path dataDir, Scheduler reads, Scheduler writes) {
    this.root = dataDir.toAbsolutePath().normalize();
    this.reads = Objects.requireNonNull(reads, "reads");
    this.writes = Objects.requireNonNull(writes, "writes");
    this.staging = new StagingArea(root);
    this.installer = new BlobInstaller(staging);
  }

  @Override
  public Maybe<Long> size(String key) {
    return Maybe.defer(() -> {
      Path file = fileFor(key);
      return Maybe.fromCallable(() -> {
        BasicFileAttributes attrs = regularFileAttributes(file);
        return attrs == null ? null : attrs.size();
      }).subscribeOn(reads);
    });
  }

  @Override
  public Maybe<byte[]> read(String key, long maxBytes) {
    return Maybe.defer(() -> {
      Path file = fileFor(key);
      return Maybe.fromCallable(() -> readWithin(file, key, maxBytes)).subscribeOn(reads);
    });
  }

  @Override
  public Maybe<BlobContent> open(String key) {
    return Maybe.defer(() -> {
      Path file = fileFor(key);
      return Maybe.fromCallable(() -> openFile(file)).subscribeOn(reads);
    });
  }

  @Override
  public Optional<Path> localFile(String key) {
    return Optional.of(fileFor(key));
  }

  @Override
  public Completable put(String key, Path staged) {
    return Completable.defer(() -> {
      Path target = fileFor(key);
      Objects.requireNonNull(staged, "staged");
      return Completable.fromAction(() -> installer.install(staged, target)).subscribeOn(writes);
    });
  }

  @Override
  public Completable putBytes(String key, byte[] bytes) {
    return Completable.defer(() -> {
      Path target = fileFor(key);
      Objects.requireNonNull(bytes, "bytes");
      return Completable.fromAction(() -> {
        Path staged = staging.newFile();
        try {
          Files.write(staged, bytes);
          installer.install(staged, target);
        } finally {
          Files.deleteIfExists(staged);
        }
      }).subscribeOn(writes);
    });
  }

  private Path fileFor(String key) {
    return BlobKey.parse(key).resolveUnder(root);
  }

  private static BasicFileAttributes regularFileAttributes(Path file) throws IOException {
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      return attrs.isRegularFile() ? attrs : null;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** One open channel on the file: a later replace (a rename over it) does not change what it reads. */
  private BlobContent openFile(Path file) throws IOException {
    if (regularFileAttributes(file) == null) {
      return null;
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return null;
    }
    try {
      return new BlobContent(channel.size(), Channels.newInputStream(channel), reads);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Reads one complete file through one open channel, so a concurrent replace cannot tear it. */
  private static byte[] readWithin(Path file, String key, long maxBytes) throws IOException {
    if (regularFileAttributes(file) == null) {
      return null;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > maxBytes || size > Integer.MAX_VALUE - 8) {
        throw new BlobTooLargeException(key, size, maxBytes);
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // keep reading until full or end of file
      }
      return buffer.hasRemaining()
          ? Arrays.copyOf(buffer.array(), buffer.position())
          : buffer.array();
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
