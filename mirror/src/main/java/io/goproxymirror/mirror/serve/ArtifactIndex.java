package io.goproxymirror.mirror.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.errors.StorageFullException;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.MetadataStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records of stored artifacts, with a bounded in-process cache in front of the metadata store:
 * artifacts are immutable, so a warm hit never asks the store again.
 */
public final class ArtifactIndex {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactIndex.class);
  private final MetadataStore metadata;
  private final Cache<String, ArtifactRecord> records;
  private final Cache<String, List<String>> versions;

  public ArtifactIndex(MetadataStore metadata, long maxEntries) {
    this.metadata = metadata;
    this.records = Caffeine.newBuilder().maximumSize(maxEntries).build();
    this.versions = Caffeine.newBuilder().maximumSize(Math.max(1, maxEntries / 10)).build();
  }

  /**
   * Versions of {@code module} with a stored artifact (see {@link MetadataStore#versions}); held in
   * process and forgotten whenever this process records an artifact of the module.
   */
  public Single<List<String>> versions(String module) {
    List<String> known = versions.getIfPresent(module);
    if (known != null) {
      return Single.just(known);
    }
    return metadata.versions(module).doOnSuccess(list -> versions.put(module, list));
  }

  /** The record, from memory when it was seen before. */
  public Maybe<ArtifactRecord> find(String module, String version, ArtifactKind kind) {
    String key = key(module, version, kind);
    ArtifactRecord cached = records.getIfPresent(key);
    if (cached != null) {
      return Maybe.just(cached);
    }
    return metadata.artifact(module, version, kind).doOnSuccess(r -> records.put(key, r));
  }

  /** The record if it is in memory, without any I/O. */
  public ArtifactRecord cached(String module, String version, ArtifactKind kind) {
    return records.getIfPresent(key(module, version, kind));
  }

  /** Records a committed artifact (first writer wins in the store) and remembers the stored record. */
  public Completable add(ArtifactRecord record) {
    return metadata.putArtifact(record)
        .andThen(metadata.artifact(record.module(), record.version(), record.kind()).defaultIfEmpty(record))
        .doOnSuccess(stored -> {
          records.put(key(stored.module(), stored.version(), stored.kind()), stored);
          versions.invalidate(stored.module());
        })
        .ignoreElement();
  }

  /**
   * Records an artifact found in storage without a record (a hit). When the metadata store cannot
   * take it now (the disk is full, the store is unavailable) the hit is served anyway: the failure
   * is logged and the record is written by a later hit.
   */
  public Completable addFound(ArtifactRecord record) {
    return add(record).onErrorResumeNext(err -> {
      if (err instanceof StorageFullException || err instanceof MetadataUnavailableException) {
        LOG.warn("event=record_deferred module={} version={} kind={} reason=\"{}\"", record.module(),
            record.version(), record.kind().extension(), err.getMessage());
        return Completable.complete();
      }
      return Completable.error(err);
    });
  }

  private static String key(String module, String version, ArtifactKind kind) {
    return module + "@" + version + "/" + kind.extension();
  }
}
