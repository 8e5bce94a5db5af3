package io.goproxymirror.mirror;

import io.goproxymirror.config.storage.MetadataConfig;
import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.storage.S3Config;
import io.goproxymirror.config.storage.StorageType;
import io.goproxymirror.mirror.flight.ArtifactLocks;
import io.goproxymirror.mirror.flight.LocalArtifactLocks;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.store.BlobStore;
import io.goproxymirror.mirror.store.DegradableMetadataStore;
import io.goproxymirror.mirror.store.EmbeddedMetadataStore;
import io.goproxymirror.mirror.store.FileBlobStore;
import io.goproxymirror.mirror.store.MetadataStore;
import io.goproxymirror.mirror.store.redis.RedisArtifactLocks;
import io.goproxymirror.mirror.store.redis.RedisConfigOptions;
import io.goproxymirror.mirror.store.redis.RedisLockOptions;
import io.goproxymirror.mirror.store.redis.RedisMetadataStore;
import io.goproxymirror.mirror.store.s3.S3BlobStore;
import io.goproxymirror.mirror.store.s3.S3Credentials;
import io.goproxymirror.mirror.store.s3.S3StoreOptions;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The stores of one process, chosen by configuration: metadata embedded (under the data directory,
 * one process) or in Redis (shared by replicas, wrapped so that an outage degrades instead of
 * failing requests), blobs in the data directory or in an S3 bucket.
 */
final class StoreWiring {
  /** How often an unavailable metadata store is probed. */
  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

  private StoreWiring() {}

  /** Opens the metadata store (a Redis store is not contacted yet: it may be down at start). */
  static MetadataStore openMetadata(MirrorConfig config, Vertx vertx, IoPool io, Path data, Map<String, String> env,
      MirrorMetrics metrics) {
    if (config.metadata().type() == MetadataConfig.Type.EMBEDDED) {
      return EmbeddedMetadataStore.open(data, io.reads(), io.writes());
    }
    RedisMetadataStore redis = RedisMetadataStore.create(vertx, RedisConfigOptions.from(config.metadata().redis(), env));
    DegradableMetadataStore store =
        new DegradableMetadataStore(redis, PROBE_INTERVAL, Schedulers.computation(), metrics::metadataAvailable);
    metrics.metadataAvailable(true);
    store.checkNow();
    return store;
  }

  /** The blob store; an S3 bucket is checked (reachable, credentials accepted) before this returns. */
  static BlobStore openBlobs(MirrorConfig config, IoPool io, Path data, Map<String, String> env) {
    if (config.storage().type() == StorageType.FILE) {
      return new FileBlobStore(data, io.reads(), io.writes());
    }
    S3Config s3 = config.storage().s3();
    S3Credentials credentials = s3.accessKeyEnv().isPresent()
        ? S3Credentials.keys(env.get(s3.accessKeyEnv().get()), env.get(s3.secretKeyEnv().orElseThrow()))
        : S3Credentials.defaultChain();
    // A connection for every thread of both pools: a read never waits for an upload's connection.
    S3BlobStore store = new S3BlobStore(new S3StoreOptions(s3.bucket(), s3.endpoint(), s3.region(), s3.pathStyle(),
        s3.prefix(), credentials, s3.partSize(), s3.timeout(), s3.maxConnections(),
        s3.maxConnections() - 2 * config.storage().ioThreads()), io.reads(), io.writes());
    try {
      store.check().blockingAwait();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * The locks that make replicas fetch each artifact once between them: in Redis when the metadata
   * is there, in process otherwise. A waiting replica waits at most as long as any fetch may take.
   */
  static ArtifactLocks openLocks(MirrorConfig config, Vertx vertx, Map<String, String> env) {
    if (config.metadata().type() == MetadataConfig.Type.EMBEDDED) {
      return new LocalArtifactLocks();
    }
    Duration longestFetch = config.upstreamTimeouts().total().compareTo(config.git().totalTimeout()) > 0
        ? config.upstreamTimeouts().total()
        : config.git().totalTimeout();
    return RedisArtifactLocks.create(vertx, RedisConfigOptions.from(config.metadata().redis(), env),
        RedisLockOptions.defaults().withWaitTimeout(longestFetch.plusSeconds(30)));
  }

  /** Closes a blob store that holds connections. */
  static Completable closeBlobs(BlobStore blobs) {
    return blobs instanceof AutoCloseable closeable
        ? Completable.fromAction(closeable::close).onErrorComplete()
        : Completable.complete();
  }

  /**
   * Whether misses should take the cross-replica lock now: only when the metadata store is shared
   * (Redis) and answering. With embedded metadata one process owns the data, and the in-process
   * single-flight already makes each fetch happen once, so no lock call or second look in storage
   * is spent.
   */
  static boolean lockingUsable(MetadataStore metadata) {
    return metadata instanceof DegradableMetadataStore degradable && degradable.available();
  }

  /** Whether {@code metadata} answers (always true for the embedded store). */
  static boolean available(MetadataStore metadata) {
    return !(metadata instanceof DegradableMetadataStore degradable) || degradable.available();
  }
}
