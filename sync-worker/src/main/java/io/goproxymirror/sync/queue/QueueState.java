package io.goproxymirror.sync.queue;

import io.goproxymirror.sync.port.ModuleVersion;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The bookkeeping of {@link PrefetchQueue}: the items it holds by version, those ready to run, how
 * many run and whether it is started. Each method is one atomic step, guarded by this object, which
 * also guards the items' mutable fields. A method given an item does nothing (and says so) when the
 * item no longer holds its version: the queue was stopped, or the version left and came back.
 */
final class QueueState {
  private final Map<ModuleVersion, QueueItem> items = new HashMap<>();
  private final ArrayDeque<QueueItem> ready = new ArrayDeque<>();
  private int running;
  private boolean started;

  /** What {@link #admit} did with a request, and the item it added when it accepted it. */
  record Admission(EnqueueResult result, Optional<QueueItem> added) {}

  /**
   * Holds a new item for the request's version, unless the version is held already (then the
   * request's job ids join the held item's) or {@code max} versions are held. A refusal is passed
   * to {@code refused} before the step ends.
   */
  synchronized Admission admit(
      PrefetchRequest request, int max, Instant now, Consumer<EnqueueResult> refused) {
    QueueItem held = items.get(request.version());
    if (held != null) {
      held.jobIds.addAll(request.jobIds());
      refused.accept(EnqueueResult.DUPLICATE);
      return new Admission(EnqueueResult.DUPLICATE, Optional.empty());
    }
    if (items.size() >= max) {
      refused.accept(EnqueueResult.FULL);
      return new Admission(EnqueueResult.FULL, Optional.empty());
    }
    QueueItem added = new QueueItem(request, now);
    items.put(request.version(), added);
    return new Admission(EnqueueResult.ACCEPTED, Optional.of(added));
  }

  /** Starts the queue and holds an item for each loaded version not held yet; returns those items. */
  synchronized List<QueueItem> resume(List<PendingPrefetch> loaded) {
    List<QueueItem> resumed = new ArrayList<>();
    started = true;
    for (PendingPrefetch pending : loaded) {
      if (!items.containsKey(pending.version())) {
        QueueItem item = new QueueItem(pending);
        items.put(pending.version(), item);
        resumed.add(item);
      }
    }
    return resumed;
  }

  /** Stops the queue and lets go of every item; returns them, so their work can be cancelled. */
  synchronized List<QueueItem> stop() {
    started = false;
    List<QueueItem> held = new ArrayList<>(items.values());
    items.clear();
    ready.clear();
    running = 0;
    return held;
  }

  /** Versions held: queued, running or waiting for a retry. */
  synchronized int depth() {
    return items.size();
  }

  /** The counts of {@link PrefetchQueueStatus} with {@code recent}'s lists. */
  PrefetchQueueStatus status(RecentPrefetches recent) {
    int runningNow;
    int waiting;
    int held;
    synchronized (this) {
      runningNow = running;
      held = items.size();
      waiting = (int) items.values().stream().filter(i -> i.state == QueueItem.State.WAITING).count();
    }
    return new PrefetchQueueStatus(held, runningNow, waiting, recent.successes(), recent.failures());
  }

  /** The item as its store entry. */
  synchronized PendingPrefetch pendingOf(QueueItem item) {
    return new PendingPrefetch(item.version, item.depth, item.jobIds, item.attempts, item.nextAttemptAt);
  }

  /** Lets go of an item whose store entry could not be written. */
  synchronized void forget(QueueItem item) {
    if (items.get(item.version) == item) {
      items.remove(item.version);
    }
  }

  /** Puts the item in line to run. */
  synchronized void makeReady(QueueItem item) {
    if (items.get(item.version) == item) {
      item.state = QueueItem.State.READY;
      ready.add(item);
    }
  }

  /** Marks the item waiting, with the id of the timer {@code startTimer} sets to end the wait. */
  synchronized void startWaiting(QueueItem item, LongSupplier startTimer) {
    if (items.get(item.version) != item) {
      return;
    }
    item.state = QueueItem.State.WAITING;
    item.timerId = startTimer.getAsLong();
  }

  /** Takes ready items to run while the queue is started and fewer than {@code concurrency} run. */
  synchronized List<QueueItem> takeReady(int concurrency) {
    List<QueueItem> toRun = new ArrayList<>();
    while (started && running < concurrency && !ready.isEmpty()) {
      QueueItem item = ready.poll();
      item.state = QueueItem.State.RUNNING;
      item.attempts++;
      running++;
      toRun.add(item);
    }
    return toRun;
  }

  /** Whether a taken item may still run: the queue was not stopped since. */
  synchronized boolean mayRun(QueueItem item) {
    return started && items.get(item.version) == item;
  }

  /** A running item's attempt failed: it waits for its next attempt at {@code next}. */
  synchronized boolean retryAt(QueueItem item, Instant next) {
    if (items.get(item.version) != item) {
      return false;
    }
    running--;
    item.state = QueueItem.State.WAITING;
    item.nextAttemptAt = next;
    return true;
  }

  /** A running item's prefetch ended: it is finishing; returns its job ids by now. */
  synchronized Optional<Set<String>> finishing(QueueItem item) {
    if (items.get(item.version) != item) {
      return Optional.empty();
    }
    running--;
    item.state = QueueItem.State.FINISHING;
    return Optional.of(Set.copyOf(item.jobIds));
  }

  /** A finished item leaves; returns its job ids by now. */
  synchronized Optional<Set<String>> leave(QueueItem item) {
    if (items.get(item.version) != item) {
      return Optional.empty();
    }
    items.remove(item.version);
    return Optional.of(Set.copyOf(item.jobIds));
  }
}
