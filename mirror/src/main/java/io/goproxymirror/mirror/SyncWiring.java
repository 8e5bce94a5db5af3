package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.mirror.store.DegradableMetadataStore;
import io.goproxymirror.mirror.store.EmbeddedMetadataStore;
import io.goproxymirror.mirror.store.MetadataStore;
import io.goproxymirror.mirror.store.redis.RedisMetadataStore;
import io.goproxymirror.mirror.sync.IndexStoredVersions;
import io.goproxymirror.mirror.sync.PipelinePrefetcher;
import io.goproxymirror.mirror.sync.SourceVersionLister;
import io.goproxymirror.sync.leadership.LocalLeaderLock;
import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.SyncInbox;
import io.goproxymirror.sync.SyncPorts;
import io.goproxymirror.sync.SyncWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the sync worker to the mirror: its prefetcher, lister and stored-version checks go
 * through the {@link Pipeline}; its leader lock, cursor, known modules and queue live in Redis when
 * the metadata is there (so a standby worker takes over), and in the embedded store otherwise.
 */
final class SyncWiring {
  /** Client misses that may wait in Redis for the leader. */
  static final int INBOX_MAX = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(SyncWiring.class);

  private SyncWiring() {}

  /** The worker of a {@code worker} or {@code all} process. */
  static SyncWorker worker(MirrorConfig config, Vertx vertx, MetadataStore metadata, Pipeline pipeline,
      MeterRegistry registry) {
    MetadataStore store = unwrapped(metadata);
    SyncPorts ports;
    if (store instanceof RedisMetadataStore redis) {
      ports = new SyncPorts(prefetcher(pipeline), new SourceVersionLister(pipeline.lists()), stored(pipeline),
          redis.syncState(), redis.prefetchQueue(), redis.leaderLock(config.syncLeaderTtl()),
          Optional.of(redis.syncInbox(INBOX_MAX)));
    } else if (store instanceof EmbeddedMetadataStore embedded) {
      ports = new SyncPorts(prefetcher(pipeline), new SourceVersionLister(pipeline.lists()), stored(pipeline),
          embedded.syncState(), embedded.prefetchQueue(), new LocalLeaderLock(), Optional.empty());
    } else {
      throw new IllegalStateException("no sync worker storage for " + store.getClass().getSimpleName());
    }
    return new SyncWorker(vertx, config, ports, registry, Clock.systemUTC(), config.syncLeaderTtl());
  }

  /**
   * Where a client miss of a version's go.mod goes: to the worker of this process, else (a {@code
   * mirror} replica) to the leader through Redis, else nowhere.
   */
  static Consumer<ModuleVersion> clientMisses(Optional<SyncWorker> worker, MetadataStore metadata) {
    if (worker.isPresent()) {
      SyncWorker local = worker.get();
      return version -> local.clientStored(version).subscribe(() -> {}, SyncWiring::logFailure);
    }
    if (unwrapped(metadata) instanceof RedisMetadataStore redis) {
      SyncInbox inbox = redis.syncInbox(INBOX_MAX);
      return version -> inbox.push(version).subscribe(() -> {}, SyncWiring::logFailure);
    }
    return version -> {};
  }

  /** The store itself, without the wrapper that lets a Redis store degrade. */
  private static MetadataStore unwrapped(MetadataStore metadata) {
    return metadata instanceof DegradableMetadataStore degradable ? degradable.delegate() : metadata;
  }

  private static PipelinePrefetcher prefetcher(Pipeline pipeline) {
    return new PipelinePrefetcher(pipeline.artifacts(), pipeline.zips(), pipeline.latest());
  }

  private static IndexStoredVersions stored(Pipeline pipeline) {
    return new IndexStoredVersions(pipeline.index(), pipeline.artifacts());
  }

  private static void logFailure(Throwable err) {
    LOG.debug("event=client_miss_not_handed reason=\"{}\"", err.getMessage());
  }
}
