package io.goproxymirror.mirror;

import io.goproxymirror.mirror.flight.ArtifactLocks;
import io.goproxymirror.mirror.store.BlobStore;
import io.goproxymirror.mirror.store.MetadataStore;
import io.reactivex.rxjava3.core.Completable;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Everything the configured storage backends provide, opened together by {@link StoreWiring}.
 *
 * @param metadata the metadata store
 * @param blobs the blob store
 * @param locks the locks that make replicas fetch each artifact once between them
 * @param sync the sync worker's stores, kept where the metadata is
 * @param shared with metadata shared by replicas (Redis): whether it answers now; empty with the
 *     embedded store
 * @param closeBlobs closes the blob store's connections (nothing to close for files); never fails
 */
record Stores(MetadataStore metadata, BlobStore blobs, ArtifactLocks locks, SyncStores sync,
    Optional<BooleanSupplier> shared, Completable closeBlobs) {

  /**
   * Closes the locks, then the metadata store, then the blob store, each after the previous one
   * ended; never fails.
   */
  Completable close() {
    return locks.close().onErrorComplete()
        .andThen(Completable.defer(metadata::close))
        .onErrorComplete()
        .andThen(Completable.defer(() -> closeBlobs));
  }

  /** Whether the metadata store answers (always true for the embedded store). */
  boolean available() {
    return shared.map(BooleanSupplier::getAsBoolean).orElse(true);
  }

  /**
   * Whether misses should take the cross-replica lock now: only when the metadata store is shared
   * (Redis) and answering. With embedded metadata one process owns the data, and the in-process
   * single-flight already makes each fetch happen once, so no lock call or second look in storage
   * is spent.
   */
  boolean lockingUsable() {
    return shared.map(BooleanSupplier::getAsBoolean).orElse(false);
  }
}
