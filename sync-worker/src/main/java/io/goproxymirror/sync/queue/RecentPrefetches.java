package io.goproxymirror.sync.queue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last successes and the last failures of the queue, each list bounded, newest first. */
final class RecentPrefetches {
  private final int limit;
  private final Deque<PrefetchOutcome> successes = new ArrayDeque<>();
  private final Deque<PrefetchOutcome> failures = new ArrayDeque<>();

  RecentPrefetches(int limit) {
    this.limit = limit;
  }

  synchronized void record(PrefetchOutcome outcome) {
    Deque<PrefetchOutcome> list = outcome.succeeded() ? successes : failures;
    list.addFirst(outcome);
    while (list.size() > limit) {
      list.removeLast();
    }
  }

  synchronized List<PrefetchOutcome> successes() {
    return List.copyOf(successes);
  }

  synchronized List<PrefetchOutcome> failures() {
    return List.copyOf(failures);
  }
}
