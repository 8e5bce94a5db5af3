package io.goproxymirror.sync;

import io.goproxymirror.sync.leadership.LeaderLock;
import io.goproxymirror.sync.port.Prefetcher;
import io.goproxymirror.sync.port.StoredVersions;
import io.goproxymirror.sync.port.SyncStateStore;
import io.goproxymirror.sync.port.VersionLister;
import io.goproxymirror.sync.queue.PrefetchQueueStore;
import java.util.Optional;

/**
 * What the worker needs from the rest of the process, each through an interface of this module.
 *
 * @param prefetcher stores a version through the mirror's fetch pipeline
 * @param lister lists a module's versions from its sources
 * @param stored tells what is stored and reads stored go.mod files
 * @param state small values kept across restarts (cursor, known modules)
 * @param queueStore the prefetch queue's unfinished work
 * @param leaderLock the lock that makes one worker lead
 * @param inbox client misses of other replicas, when Redis is shared
 */
public record SyncPorts(
    Prefetcher prefetcher,
    VersionLister lister,
    StoredVersions stored,
    SyncStateStore state,
    PrefetchQueueStore queueStore,
    LeaderLock leaderLock,
    Optional<SyncInbox> inbox) {}
