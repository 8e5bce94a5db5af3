package io.goproxymirror.sync.queue;

/** What {@link PrefetchQueue#enqueue(PrefetchRequest)} did with a request. */
public enum EnqueueResult {
  /** The version was added to the queue. */
  ACCEPTED,
  /** The version is queued, running or waiting for a retry already; it runs once. */
  DUPLICATE,
  /** The queue holds {@code sync.queue.max} versions; the request was dropped. */
  FULL
}
