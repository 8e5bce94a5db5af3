package io.goproxymirror.mirror.store;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.errors.StorageFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import io.reactivex.rxjava3.core.Flowable;
import io.goproxymirror.sync.queue.PendingPrefetch;
import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.queue.PrefetchQueueStore;
import io.goproxymirror.sync.port.SyncStateStore;
import io.vertx.core.json.JsonObject;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * Metadata in one H2 MVStore file, {@code <dataDir>/.meta/metadata.mv.db}. Every write is
 * committed before its {@link Completable} completes, so a killed process loses nothing that was
 * reported done, and MVStore's copy-on-write chunks keep the file readable after any crash (a
 * commit is written, not fsynced: a power loss may drop the latest commits, never the file). Three
 * maps, keyed as {@link MetadataKeys} describes: artifacts, the per-module version index and
 * cached answers; values are {@link MetadataCodec} bytes. Lookups run on the {@code reads} scheduler
 * and writes (each committed) on the {@code writes} one, so a lookup never waits behind commits;
 * bad names (empty, containing NUL) fail with {@link IllegalArgumentException}.
 *
 * <p>A write that fails (the disk is full) makes MVStore close itself. The file is intact up to
 * the last commit, so the store reopens it at the next call: that write fails with {@link
 * StorageFullException} (507) when the disk was full, {@link MetadataUnavailableException} (503)
 * otherwise, and later calls work again, reads at once, writes once space returns. Reopening is
 * tried at most once a second while it keeps failing.
 */
public final class EmbeddedMetadataStore implements MetadataStore {
  static final String DIRECTORY = ".meta";
  static final String FILE_NAME = "metadata.mv.db";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMetadataStore.class);
  private static final byte[] PRESENT = new byte[0];
  private static final long REOPEN_BACKOFF_NANOS = 1_000_000_000L;

  private final Path file;
  private final Scheduler reads;
  private final Scheduler writes;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Generation current;
  private long lastFailedReopen;

  private EmbeddedMetadataStore(Path file, Scheduler reads, Scheduler writes, MVStore store) {
    this.file = file;
    this.reads = reads;
    this.writes = writes;
    this.current = new Generation(store);
    current.map("artifacts");
    current.map("versions");
    current.map("answers");
  }

  /**
   * Opens (creating if needed) the store of {@code dataDir}. Blocking: call it at start.
   *
   * @throws IllegalStateException with a one-line message naming the file when it cannot be
   *     opened, in particular when another process holds it
   */
  public static EmbeddedMetadataStore open(Path dataDir, Scheduler io) {
    return open(dataDir, io, io);
  }

  /**
   * As {@link #open(Path, Scheduler)}, with lookups on {@code reads} and writes on {@code writes}.
   */
  public static EmbeddedMetadataStore open(Path dataDir, Scheduler reads, Scheduler writes) {
    Objects.requireNonNull(reads, "reads");
    Objects.requireNonNull(writes, "writes");
    Path file = dataDir.toAbsolutePath().normalize().resolve(DIRECTORY).resolve(FILE_NAME);
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
      return new EmbeddedMetadataStore(file, reads, writes, store);
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw new IllegalStateException("cannot open the maps of metadata store " + file, e);
    }
  }

  private static MVStore openFile(Path file) {
    return new MVStore.Builder().fileName(file.toString()).open();
  }

  @Override
  public Maybe<ArtifactRecord> artifact(String module, String version, ArtifactKind kind) {
    return Maybe.defer(() -> {
      String key = MetadataKeys.artifact(module, version, Objects.requireNonNull(kind, "kind"));
      return onIo(reads, gen -> {
        byte[] value = gen.map("artifacts").get(key);
        return value == null ? null : MetadataCodec.decodeArtifact(module, version, kind, value);
      });
    });
  }

  @Override
  public Completable putArtifact(ArtifactRecord record) {
    return Completable.defer(() -> {
      String key = MetadataKeys.artifact(record.module(), record.version(), record.kind());
      String versionEntry = MetadataKeys.versionEntry(record.module(), record.version());
      byte[] value = MetadataCodec.encodeArtifact(record);
      return onIo(writes, gen -> {
        gen.map("artifacts").putIfAbsent(key, value); // first writer wins: artifacts are immutable
        gen.map("versions").putIfAbsent(versionEntry, PRESENT); // always, so a retry repairs the index
        gen.store.commit();
        return PRESENT;
      }).ignoreElement();
    });
  }

  @Override
  public Single<List<String>> versions(String module) {
    return Single.defer(() -> {
      String prefix = MetadataKeys.modulePrefix(module);
      return onIo(reads, gen -> {
        List<String> found = new ArrayList<>();
        Iterator<String> keys = gen.map("versions").keyIterator(prefix);
        while (keys.hasNext()) {
          String key = keys.next();
          if (!key.startsWith(prefix)) {
            break;
          }
          found.add(key.substring(prefix.length()));
        }
        return found;
      }).toSingle();
    });
  }

  @Override
  public Maybe<CachedAnswer> answer(String module, String key) {
    return Maybe.defer(() -> {
      String entry = MetadataKeys.answer(module, key);
      return onIo(reads, gen -> {
        byte[] value = gen.map("answers").get(entry);
        return value == null ? null : MetadataCodec.decodeAnswer(value);
      });
    });
  }

  @Override
  public Completable putAnswer(String module, String key, CachedAnswer answer) {
    return Completable.defer(() -> {
      String entry = MetadataKeys.answer(module, key);
      byte[] value = MetadataCodec.encodeAnswer(Objects.requireNonNull(answer, "answer"));
      return onIo(writes, gen -> {
        gen.map("answers").put(entry, value);
        gen.store.commit();
        return PRESENT;
      }).ignoreElement();
    });
  }

  @Override
  public Completable close() {
    return Completable.fromAction(() -> {
      if (closed.compareAndSet(false, true)) {
        synchronized (this) {
          if (!current.store.isClosed()) {
            current.store.close();
          }
        }
      }
    }).subscribeOn(writes);
  }

  /** The sync worker's unfinished prefetches, in a map of this store's file (JSON per version). */
  public PrefetchQueueStore prefetchQueue() {
    return new PrefetchQueueStore() {
      @Override
      public Completable put(PendingPrefetch entry) {
        byte[] json = entry.toJson().encode().getBytes(StandardCharsets.UTF_8);
        return onIo(writes, gen -> {
          gen.map("sync-queue").put(entry.version().toString(), json);
          gen.store.commit();
          return PRESENT;
        }).ignoreElement();
      }

      @Override
      public Completable remove(ModuleVersion version) {
        return onIo(writes, gen -> {
          gen.map("sync-queue").remove(version.toString());
          gen.store.commit();
          return PRESENT;
        }).ignoreElement();
      }

      @Override
      public Flowable<PendingPrefetch> loadAll() {
        return onIo(reads, gen -> List.copyOf(gen.map("sync-queue").values()))
            .flattenAsFlowable(values -> values)
            .map(json -> PendingPrefetch.fromJson(
                new JsonObject(new String(json, StandardCharsets.UTF_8))));
      }
    };
  }

  /** The sync worker's persisted values, in a map of this store's file. */
  public SyncStateStore syncState() {
    return new SyncStateStore() {
      @Override
      public Maybe<String> get(String name) {
        return onIo(reads, gen -> {
          byte[] value = gen.map("sync").get(name);
          return value == null ? null : new String(value, StandardCharsets.UTF_8);
        });
      }

      @Override
      public Completable put(String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return onIo(writes, gen -> {
          gen.map("sync").put(name, bytes);
          gen.store.commit();
          return PRESENT;
        }).ignoreElement();
      }
    };
  }

  /** The store file, for messages and tests. */
  public Path file() {
    return file;
  }

  /**
   * Runs {@code work} on the current generation of the store. When MVStore closed itself (a write
   * failed, here or in another call), the file is reopened and {@code work} is tried once more,
   * unless this call's own write failed for lack of space (retrying could only fail again).
   */
  private <T> Maybe<T> onIo(Scheduler scheduler, Function<Generation, T> work) {
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
  private static final class Generation {
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
