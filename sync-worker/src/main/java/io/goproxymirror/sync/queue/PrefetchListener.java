package io.goproxymirror.sync.queue;

import io.reactivex.rxjava3.core.Completable;

/**
 * Learns what {@link PrefetchQueue} does. Methods may be called on any thread and must not block.
 */
public interface PrefetchListener {
  /**
   * A request was handled by {@link PrefetchQueue#enqueue(PrefetchRequest)}, with its result. For
   * {@link EnqueueResult#DUPLICATE} the request's job ids were added to the queued version's.
   */
  default void enqueued(PrefetchRequest request, EnqueueResult result) {}

  /**
   * A version's prefetch ended; the version still holds its place in the queue (so requests for it
   * are duplicates) until every listener's returned chain has ended. Dependency expansion queues
   * the requirements here. Errors are logged and ignored.
   */
  default Completable finished(PrefetchOutcome outcome) {
    return Completable.complete();
  }

  /**
   * The version left the queue, after every {@link #finished} chain. {@code outcome.jobIds()} are
   * the jobs that were waiting for it by then.
   */
  default void ended(PrefetchOutcome outcome) {}
}
