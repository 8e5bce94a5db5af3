package io.goproxymirror.mirror.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.MetadataStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;

/**
 * Records of stored artifacts, with a bounded in-process cache in front of the metadata store:
 * artifacts are immutable, so a warm hit never asks the store again.
 */
public final class ArtifactIndex {
  private final MetadataStore metadata;
  private final Cache<String, ArtifactRecord> records;

  public ArtifactIndex(MetadataStore metadata, long maxEntries) {
    this.metadata = metadata;
    this.records = Caffeine.newBuilder().maximumSize(maxEntries).build();
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
        .doOnSuccess(stored -> records.put(key(stored.module(), stored.version(), stored.kind()), stored))
        .ignoreElement();
  }

  private static String key(String module, String version, ArtifactKind kind) {
    return module + "@" + version + "/" + kind.extension();
  }
}
