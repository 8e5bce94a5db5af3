package io.goproxymirror.mirror.store;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.errors.StorageFullException;
import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.port.SyncStateStore;
import io.goproxymirror.sync.queue.PendingPrefetch;
import io.goproxymirror.sync.queue.PrefetchQueueStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * tried at most once a second while it keeps failing ({@link MetadataFile}).
 */
public final class EmbeddedMetadataStore implements MetadataStore {
  static final String DIRECTORY = ".meta";
  static final String FILE_NAME = "metadata.mv.db";
  /** The value of a version entry, and what a write returns (work on the file must not return null). */
  static final byte[] PRESENT = new byte[0];

  private final MetadataFile file;
  private final Scheduler reads;
  private final Scheduler writes;

  private EmbeddedMetadataStore(MetadataFile file, Scheduler reads, Scheduler writes) {
    this.file = file;
    this.reads = reads;
    this.writes = writes;
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
    return new EmbeddedMetadataStore(MetadataFile.open(file, "artifacts", "versions", "answers"), reads, writes);
  }

  @Override
  public Maybe<ArtifactRecord> artifact(String module, String version, ArtifactKind kind) {
    return Maybe.defer(() -> {
      String key = MetadataKeys.artifact(module, version, Objects.requireNonNull(kind, "kind"));
      return file.onIo(reads, gen -> {
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
      return file.onIo(writes, gen -> {
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
      return file.onIo(reads, gen -> {
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
      return file.onIo(reads, gen -> {
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
      return file.onIo(writes, gen -> {
        gen.map("answers").put(entry, value);
        gen.store.commit();
        return PRESENT;
      }).ignoreElement();
    });
  }

  @Override
  public Completable close() {
    return Completable.fromAction(file::close).subscribeOn(writes);
  }

  /** The sync worker's unfinished prefetches, in a map of this store's file (JSON per version). */
  public PrefetchQueueStore prefetchQueue() {
    return new EmbeddedPrefetchQueueStore(file, reads, writes);
  }

  /** The sync worker's persisted values, in a map of this store's file. */
  public SyncStateStore syncState() {
    return new EmbeddedSyncStateStore(file, reads, writes);
  }

  /** The store file, for messages and tests. */
  public Path file() {
    return file.path();
  }
}
