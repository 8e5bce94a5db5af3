package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.mirror.sync.IndexStoredVersions;
import io.goproxymirror.mirror.sync.PipelinePrefetcher;
import io.goproxymirror.mirror.sync.SourceVersionLister;
import io.goproxymirror.sync.SyncInbox;
import io.goproxymirror.sync.SyncPorts;
import io.goproxymirror.sync.SyncWorker;
import io.goproxymirror.sync.leadership.LocalLeaderLock;
import io.goproxymirror.sync.port.ModuleVersion;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the sync worker to the mirror: its prefetcher, lister and stored-version checks go
 * through the {@link Pipeline}; its leader lock, cursor, known modules and queue are the {@link
 * SyncStores} of the metadata backend (in Redis when the metadata is there, so a standby worker
 * takes over, and in the embedded store otherwise).
 */
final class SyncWiring {
  private static final Logger LOG = LoggerFactory.getLogger(SyncWiring.class);

  private SyncWiring() {}

  /** The worker of a {@code worker} or {@code all} process. */
  static SyncWorker worker(MirrorConfig config, Platform platform, SyncStores stores, Pipeline pipeline) {
    SyncPorts ports = new SyncPorts(prefetcher(pipeline), new SourceVersionLister(pipeline.lists()), stored(pipeline),
        stores.state(), stores.queue(), stores.leaderLock(), stores.inbox());
    return new SyncWorker(platform.vertx(), config, ports, platform.registry(), platform.clock(),
        config.syncLeaderTtl());
  }

  /**
   * Where a client miss of a version's go.mod goes: to the worker of this process, else (a {@code
   * mirror} replica) to the leader through Redis, else nowhere.
   */
  static Consumer<ModuleVersion> clientMisses(Optional<SyncWorker> worker, SyncStores stores) {
    if (worker.isPresent()) {
      SyncWorker local = worker.get();
      return version -> local.clientStored(version).subscribe(() -> {}, SyncWiring::logFailure);
    }
    if (stores.inbox().isPresent()) {
      SyncInbox inbox = stores.inbox().get();
      return version -> inbox.push(version).subscribe(() -> {}, SyncWiring::logFailure);
    }
    return version -> {};
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
