package io.goproxymirror.mirror.store;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import io.reactivex.rxjava3.core.Flowable;
import io.goproxymirror.sync.PendingPrefetch;
import io.goproxymirror.sync.ModuleVersion;
import io.goproxymirror.sync.PrefetchQueueStore;
import io.goproxymirror.sync.SyncStateStore;
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
 */
public final class EmbeddedMetadataStore implements MetadataStore {
  static final String DIRECTORY = ".meta";
  static final String FILE_NAME = "metadata.mv.db";
  private static final byte[] PRESENT = new byte[0];

  private final Path file;
  private final Scheduler reads;
  private final Scheduler writes;
  private final MVStore store;
  private final MVMap<String, byte[]> artifacts;
  private final MVMap<String, byte[]> versions;
  private final MVMap<String, byte[]> answers;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedMetadataStore(Path file, Scheduler reads, Scheduler writes, MVStore store) {
    this.file = file;
    this.reads = reads;
    this.writes = writes;
    this.store = store;
    this.artifacts = openMap(store, "artifacts");
    this.versions = openMap(store, "versions");
    this.answers = openMap(store, "answers");
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
      store = new MVStore.Builder().fileName(file.toString()).open();
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

  @Override
  public Maybe<ArtifactRecord> artifact(String module, String version, ArtifactKind kind) {
    return Maybe.defer(() -> {
      String key = MetadataKeys.artifact(module, version, Objects.requireNonNull(kind, "kind"));
      return onRead(() -> {
        byte[] value = artifacts.get(key);
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
      return onWrite(() -> {
        artifacts.putIfAbsent(key, value); // first writer wins: artifacts are immutable
        versions.putIfAbsent(versionEntry, PRESENT); // always, so a retry repairs the index
        store.commit();
        return PRESENT;
      }).ignoreElement();
    });
  }

  @Override
  public Single<List<String>> versions(String module) {
    return Single.defer(() -> {
      String prefix = MetadataKeys.modulePrefix(module);
      return onRead(() -> {
        List<String> found = new ArrayList<>();
        Iterator<String> keys = versions.keyIterator(prefix);
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
      return onRead(() -> {
        byte[] value = answers.get(entry);
        return value == null ? null : MetadataCodec.decodeAnswer(value);
      });
    });
  }

  @Override
  public Completable putAnswer(String module, String key, CachedAnswer answer) {
    return Completable.defer(() -> {
      String entry = MetadataKeys.answer(module, key);
      byte[] value = MetadataCodec.encodeAnswer(Objects.requireNonNull(answer, "answer"));
      return onWrite(() -> {
        answers.put(entry, value);
        store.commit();
        return PRESENT;
      }).ignoreElement();
    });
  }

  @Override
  public Completable close() {
    return Completable.fromAction(() -> {
      if (closed.compareAndSet(false, true)) {
        store.close();
      }
    }).subscribeOn(writes);
  }

  /** The sync worker's unfinished prefetches, in a map of this store's file (JSON per version). */
  public PrefetchQueueStore prefetchQueue() {
    MVMap<String, byte[]> pending = openMap(store, "sync-queue");
    return new PrefetchQueueStore() {
      @Override
      public Completable put(PendingPrefetch entry) {
        byte[] json = entry.toJson().encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return onWrite(() -> {
          pending.put(entry.version().toString(), json);
          store.commit();
          return PRESENT;
        }).ignoreElement();
      }

      @Override
      public Completable remove(ModuleVersion version) {
        return onWrite(() -> {
          pending.remove(version.toString());
          store.commit();
          return PRESENT;
        }).ignoreElement();
      }

      @Override
      public Flowable<PendingPrefetch> loadAll() {
        return onRead(() -> List.copyOf(pending.values()))
            .flattenAsFlowable(values -> values)
            .map(json -> PendingPrefetch.fromJson(
                new JsonObject(new String(json, java.nio.charset.StandardCharsets.UTF_8))));
      }
    };
  }

  /** The sync worker's persisted values, in a map of this store's file. */
  public SyncStateStore syncState() {
    MVMap<String, byte[]> values = openMap(store, "sync");
    return new SyncStateStore() {
      @Override
      public Maybe<String> get(String name) {
        return onRead(() -> {
          byte[] value = values.get(name);
          return value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8);
        });
      }

      @Override
      public Completable put(String name, String value) {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return onWrite(() -> {
          values.put(name, bytes);
          store.commit();
          return PRESENT;
        }).ignoreElement();
      }
    };
  }

  /** The store file, for messages and tests. */
  public Path file() {
    return file;
  }

  private <T> Maybe<T> onRead(Callable<T> work) {
    return on(reads, work);
  }

  private <T> Maybe<T> onWrite(Callable<T> work) {
    return on(writes, work);
  }

  private <T> Maybe<T> on(Scheduler scheduler, Callable<T> work) {
    return Maybe.fromCallable(() -> {
      if (closed.get()) {
        throw new IllegalStateException("metadata store " + file + " is closed");
      }
      return work.call();
    }).subscribeOn(scheduler);
  }

  private static MVMap<String, byte[]> openMap(MVStore store, String name) {
    return store.openMap(name, new MVMap.Builder<String, byte[]>()
        .keyType(StringDataType.INSTANCE)
        .valueType(ByteArrayDataType.INSTANCE));
  }
}
