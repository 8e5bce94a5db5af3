package io.goproxymirror.mirror.store;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.errors.StorageFullException;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 MVStore file of {@link EmbeddedMetadataStore} and the work done on it. A write that fails
 * (the disk is full) makes MVStore close itself; the file is intact up to the last commit, so the
 * next call reopens it (a new {@link Generation}), at most once a second while reopening keeps
 * failing. Logs as the embedded store.
 */
final class MetadataFile {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMetadataStore.class);
  private static final long REOPEN_BACKOFF_NANOS = 1_000_000_000L;

  private final Path file;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Generation current;
  private long lastFailedReopen;

  private MetadataFile(Path file, MVStore store) {
    this.file = file;
    this.current = new Generation(store);
  }

  /**
   * Opens (creating if needed) {@code file} and the maps named {@code maps}. Blocking.
   *
   * @throws IllegalStateException with a one-line message naming the file when it cannot be
   *     opened, in particular when another process holds it
   */
  static MetadataFile open(Path file, String... maps) {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new IllegalStateException("cannot create metadata directory " + file.getParent()
          + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
    MVStore store;
    try {
      store = openFile(file);
    } catch (MVStoreException e) {
      if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
        throw new IllegalStateException("metadata store " + file
            + " is locked by another process (is another mirror using this data directory?)", e);
      }
      throw new IllegalStateException("cannot open metadata store " + file + ": "
          + String.valueOf(e.getMessage()).replace('\n', ' '), e);
    }
    try {
      MetadataFile opened = new MetadataFile(file, store);
      for (String map : maps) {
        opened.current.map(map);
      }
      return opened;
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw new IllegalStateException("cannot open the maps of metadata store " + file, e);
    }
  }

  private static MVStore openFile(Path file) {
    return new MVStore.Builder().fileName(file.toString()).open();
  }

  /** The store file. */
  Path path() {
    return file;
  }

  /** Closes the file once; later work fails with {@link IllegalStateException}. Blocking. */
  void close() {
    if (closed.compareAndSet(false, true)) {
      synchronized (this) {
        if (!current.store.isClosed()) {
          current.store.close();
        }
      }
    }
  }

  /**
   * Runs {@code work} on the current generation of the store. When MVStore closed itself (a write
   * failed, here or in another call), the file is reopened and {@code work} is tried once more,
   * unless this call's own write failed for lack of space (retrying could only fail again).
   */
  <T> Maybe<T> onIo(Scheduler scheduler, Function<Generation, T> work) {
    return Maybe.fromCallable(() -> {
      if (closed.get()) {
        throw new IllegalStateException("metadata store " + file + " is closed");
      }
      Generation gen = usable();
      try {
        return work.apply(gen);
      } catch (RuntimeException e) {
        if (!gen.store.isClosed()) {
          throw e; // the store is still open: a bug or bad data, not a storage failure
        }
        LOG.warn("event=metadata_store_failed file={} reason=\"{}\"", file, oneLine(e));
        if (StorageFullException.isCause(e)) {
          throw new StorageFullException("metadata store: no space left on the data directory's file system", e);
        }
        Generation again = usable();
        try {
          return work.apply(again);
        } catch (RuntimeException second) {
          throw again.store.isClosed() ? failure(second) : second;
        }
      }
    }).subscribeOn(scheduler);
  }

  /** The open generation, reopening the file when MVStore closed the previous one. */
  private Generation usable() {
    Generation gen = current;
    if (!gen.store.isClosed()) {
      return gen;
    }
    synchronized (this) {
      if (closed.get()) {
        throw new IllegalStateException("metadata store " + file + " is closed");
      }
      if (current != gen && !current.store.isClosed()) {
        return current;
      }
      long now = System.nanoTime();
      if (lastFailedReopen != 0 && now - lastFailedReopen < REOPEN_BACKOFF_NANOS) {
        throw new MetadataUnavailableException("metadata store is being reopened after a write failure", null);
      }
      current.store.closeImmediately();
      try {
        Generation reopened = new Generation(openFile(file));
        current = reopened;
        lastFailedReopen = 0;
        LOG.info("event=metadata_store_reopened file={}", file);
        return reopened;
      } catch (RuntimeException e) {
        lastFailedReopen = now;
        LOG.warn("event=metadata_store_reopen_failed file={} reason=\"{}\"", file, oneLine(e));
        throw failure(e);
      }
    }
  }

  private static RuntimeException failure(RuntimeException e) {
    return StorageFullException.isCause(e)
        ? new StorageFullException("metadata store: no space left on the data directory's file system", e)
        : new MetadataUnavailableException("metadata store failed; see the log", e);
  }

  private static String oneLine(Throwable e) {
    return String.valueOf(e.getMessage()).replace('\n', ' ').replace('"', '\'');
  }

  /** One opening of the file and its maps, opened on first use. */
  static final class Generation {
    final MVStore store;
    private final Map<String, MVMap<String, byte[]>> maps = new ConcurrentHashMap<>();

    Generation(MVStore store) {
      this.store = store;
    }

    MVMap<String, byte[]> map(String name) {
      return maps.computeIfAbsent(name, n -> store.openMap(n, new MVMap.Builder<String, byte[]>()
          .keyType(StringDataType.INSTANCE)
          .valueType(ByteArrayDataType.INSTANCE)));
    }
  }
}
