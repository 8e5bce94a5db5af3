package io.goproxymirror.sync.queue;

import io.goproxymirror.sync.port.ModuleVersion;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One version {@link PrefetchQueue} holds. Fields other than the final ones are guarded by its
 * {@link QueueState}.
 */
final class QueueItem {
  enum State { STORING, READY, RUNNING, WAITING, FINISHING }

  final ModuleVersion version;
  final int depth;
  final Set<String> jobIds;
  int attempts;
  Instant nextAttemptAt;
  State state = State.STORING;
  long timerId = -1;
  volatile Disposable subscription;

  QueueItem(PrefetchRequest request, Instant now) {
    this.version = request.version();
    this.depth = request.depth();
    this.jobIds = new LinkedHashSet<>(request.jobIds());
    this.nextAttemptAt = now;
  }

  QueueItem(PendingPrefetch pending) {
    this.version = pending.version();
    this.depth = pending.depth();
    this.jobIds = new LinkedHashSet<>(pending.jobIds());
    this.attempts = pending.attempts();
    this.nextAttemptAt = pending.nextAttemptAt();
  }

  void cancel(Vertx vertx) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    Disposable running = subscription;
    if (running != null) {
      running.dispose();
    }
  }
}
