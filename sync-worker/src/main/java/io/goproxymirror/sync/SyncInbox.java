package io.goproxymirror.sync;

import io.goproxymirror.sync.port.ModuleVersion;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import java.util.List;

/**
 * Versions that clients caused to be stored on a mirror replica without a leading worker in its
 * process, handed to the leader for dependency expansion. Shared through Redis (bounded; the
 * oldest are dropped when full), so it exists only when Redis is configured.
 */
public interface SyncInbox {
  /** Hands {@code version} to the leader. */
  Completable push(ModuleVersion version);

  /** Takes up to {@code max} handed versions, oldest first. */
  Single<List<ModuleVersion>> drain(int max);
}
