package io.goproxymirror.sync;

import java.time.Duration;

/** Exponential backoff: {@code first}, doubled on each failure, never above {@code max}. */
final class Backoff {
  private final Duration first;
  private final Duration max;
  private Duration next;

  Backoff(Duration first, Duration max) {
    this.first = first.compareTo(max) > 0 ? max : first;
    this.max = max;
    this.next = this.first;
  }

  /** The delay before the next attempt; the one after is twice as long, up to the cap. */
  Duration next() {
    Duration delay = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return delay;
  }

  /** After a success: the next failure waits {@code first} again. */
  void reset() {
    next = first;
  }
}
