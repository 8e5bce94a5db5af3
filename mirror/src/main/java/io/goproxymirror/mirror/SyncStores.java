package io.goproxymirror.mirror;

import io.goproxymirror.sync.SyncInbox;
import io.goproxymirror.sync.leadership.LeaderLock;
import io.goproxymirror.sync.port.SyncStateStore;
import io.goproxymirror.sync.queue.PrefetchQueueStore;
import java.util.Optional;

/**
 * The sync worker's storage, kept where the metadata is: in Redis (so that a standby worker takes
 * over) or in the embedded store's file.
 *
 * @param state small values kept across restarts (cursor, known modules)
 * @param queue the prefetch queue's unfinished work
 * @param leaderLock the lock that makes one worker lead
 * @param inbox with Redis, where client misses of replicas wait for the leading worker
 */
record SyncStores(SyncStateStore state, PrefetchQueueStore queue, LeaderLock leaderLock, Optional<SyncInbox> inbox) {}
