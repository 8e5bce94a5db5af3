package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.storage.MetadataConfig;
import io.goproxymirror.config.storage.S3Config;
import io.goproxymirror.config.storage.StorageType;
import io.goproxymirror.mirror.flight.ArtifactLocks;
import io.goproxymirror.mirror.flight.LocalArtifactLocks;
import io.goproxymirror.mirror.store.BlobStore;
import io.goproxymirror.mirror.store.DegradableMetadataStore;
import io.goproxymirror.mirror.store.EmbeddedMetadataStore;
import io.goproxymirror.mirror.store.FileBlobStore;
import io.goproxymirror.mirror.store.MetadataStore;
import io.goproxymirror.mirror.store.redis.RedisArtifactLocks;
import io.goproxymirror.mirror.store.redis.RedisConfigOptions;
import io.goproxymirror.mirror.store.redis.RedisLockOptions;
import io.goproxymirror.mirror.store.redis.RedisMetadataStore;
import io.goproxymirror.mirror.store.redis.RedisStoreOptions;
import io.goproxymirror.mirror.store.s3.S3BlobStore;
import io.goproxymirror.mirror.store.s3.S3Credentials;
import io.goproxymirror.mirror.store.s3.S3StoreOptions;
import io.goproxymirror.sync.leadership.LocalLeaderLock;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The stores of one process, chosen by configuration: metadata embedded (under the data directory,
 * one process) or in Redis (shared by replicas, wrapped so that an outage degrades instead of
 * failing requests), blobs in the data directory or in an S3 bucket. Each backend's factory
 * provides everything that backend keeps: the metadata backend the metadata store, the artifact
 * locks and the sync worker's stores; the blob backend the blob store and how to close it.
 */
final class StoreWiring {
  /** How often an unavailable metadata store is probed. */
  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
  /** Client misses that may wait in Redis for the leader. */
  static final int INBOX_MAX = 10_000;

  private StoreWiring() {}

  /**
   * Opens the stores: the metadata backend (a Redis store is not contacted yet: it may be down at
   * start), then the blob store (an S3 bucket is checked, reachable and credentials accepted, before
   * this returns). When the blob store cannot be opened, the metadata backend is closed again.
   */
  static Stores open(MirrorConfig config, Platform platform, Path data, Map<String, String> env) {
    MetadataBackend metadata = config.metadata().type() == MetadataConfig.Type.EMBEDDED
        ? embedded(config, platform, data)
        : redis(config, platform, env);
    BlobBackend blobs;
    try {
      blobs = config.storage().type() == StorageType.FILE ? files(platform, data) : s3(config, platform, env);
    } catch (RuntimeException e) {
      metadata.close().blockingAwait();
      throw e;
    }
    return new Stores(metadata.store(), blobs.store(), metadata.locks(), metadata.sync(), metadata.shared(),
        blobs.close());
  }

  /**
   * Metadata in the data directory, with in-process locks (every request granted: the in-process
   * single-flight is in front) and the sync worker's stores in the same file.
   */
  private static MetadataBackend embedded(MirrorConfig config, Platform platform, Path data) {
    EmbeddedMetadataStore store = EmbeddedMetadataStore.open(data, platform.io().reads(), platform.io().writes());
    return new MetadataBackend(store, new LocalArtifactLocks(),
        new SyncStores(store.syncState(), store.prefetchQueue(), new LocalLeaderLock(), Optional.empty()),
        Optional.empty());
  }

  /**
   * Metadata in Redis, degrading while Redis is unavailable; the locks on a client of their own (a
   * waiting replica waits at most as long as any fetch may take); the sync worker's stores, leader
   * lock and inbox on the metadata store's client.
   */
  private static MetadataBackend redis(MirrorConfig config, Platform platform, Map<String, String> env) {
    RedisStoreOptions options = RedisConfigOptions.from(config.metadata().redis(), env);
    RedisMetadataStore redis = RedisMetadataStore.create(platform.vertx(), options);
    DegradableMetadataStore store = new DegradableMetadataStore(
        redis, PROBE_INTERVAL, Schedulers.computation(), platform.metrics()::metadataAvailable);
    platform.metrics().metadataAvailable(true);
    store.checkNow();
    Duration longestFetch = config.upstreamTimeouts().total().compareTo(config.git().totalTimeout()) > 0
        ? config.upstreamTimeouts().total()
        : config.git().totalTimeout();
    ArtifactLocks locks = RedisArtifactLocks.create(platform.vertx(), options,
        RedisLockOptions.defaults().withWaitTimeout(longestFetch.plusSeconds(30)));
    SyncStores sync = new SyncStores(redis.syncState(), redis.prefetchQueue(),
        redis.leaderLock(config.syncLeaderTtl()), Optional.of(redis.syncInbox(INBOX_MAX)));
    return new MetadataBackend(store, locks, sync, Optional.of(store::available));
  }

  /** Blobs in the data directory; nothing to close. */
  private static BlobBackend files(Platform platform, Path data) {
    return new BlobBackend(
        new FileBlobStore(data, platform.io().reads(), platform.io().writes()), Completable.complete());
  }

  /** Blobs in an S3 bucket, checked before this returns; closing releases its connections. */
  private static BlobBackend s3(MirrorConfig config, Platform platform, Map<String, String> env) {
    S3Config s3 = config.storage().s3();
    S3Credentials credentials = s3.accessKeyEnv().isPresent()
        ? S3Credentials.keys(env.get(s3.accessKeyEnv().get()), env.get(s3.secretKeyEnv().orElseThrow()))
        : S3Credentials.defaultChain();
    // A connection for every thread of both pools: a read never waits for an upload's connection.
    S3BlobStore store = new S3BlobStore(new S3StoreOptions(s3.bucket(), s3.endpoint(), s3.region(), s3.pathStyle(),
        s3.prefix(), credentials, s3.partSize(), s3.timeout(), s3.maxConnections(),
        s3.maxConnections() - 2 * config.storage().ioThreads()), platform.io().reads(), platform.io().writes());
    try {
      store.check().blockingAwait();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return new BlobBackend(store, Completable.fromAction(store::close).onErrorComplete());
  }

  /** What the metadata backend provides; {@code shared} as in {@link Stores}. */
  private record MetadataBackend(
      MetadataStore store, ArtifactLocks locks, SyncStores sync, Optional<BooleanSupplier> shared) {

    /** Closes the locks, then the store; never fails. */
    Completable close() {
      return locks.close().onErrorComplete()
          .andThen(Completable.defer(store::close))
          .onErrorComplete();
    }
  }

  /** What the blob backend provides. */
  private record BlobBackend(BlobStore store, Completable close) {}
}
