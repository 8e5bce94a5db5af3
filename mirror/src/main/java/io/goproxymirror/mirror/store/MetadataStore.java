package io.goproxymirror.mirror.store;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.util.List;

/**
 * Metadata about stored artifacts and cached mutable answers. Implementations: the embedded store
 * (default, persisted under the data directory) and {@code store.redis.RedisMetadataStore}
 * (shared by replicas). Both pass {@code MetadataStoreContract}.
 */
public interface MetadataStore {

  /** The record of one stored artifact, or empty. */
  Maybe<ArtifactRecord> artifact(String module, String version, ArtifactKind kind);

  /**
   * Records a stored artifact. Artifacts are immutable: when a record for the same module, version
   * and kind exists, the first one is kept and this call completes without changing it.
   */
  Completable putArtifact(ArtifactRecord record);

  /**
   * Versions of {@code module} that have at least one stored artifact, each once, in ascending
   * {@link String} order (callers apply semver order). {@code a/b} never sees versions of {@code
   * a/b-c} or {@code a/b/v2}.
   */
  Single<List<String>> versions(String module);

  /** A cached mutable answer ({@code list}, {@code latest}, a query, a negative answer), or empty. */
  Maybe<CachedAnswer> answer(String module, String key);

  /** Stores or replaces a cached mutable answer. */
  Completable putAnswer(String module, String key, CachedAnswer answer);

  /**
   * Completes when the store can answer now (a round trip for a remote store); fails with {@link
   * MetadataUnavailableException} otherwise. Used to probe a store
   * that was unavailable.
   */
  default Completable ping() {
    return Completable.complete();
  }

  /** Releases resources; further calls fail. */
  Completable close();
}
