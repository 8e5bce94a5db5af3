package io.goproxymirror.mirror;

import io.reactivex.rxjava3.core.Completable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A {@link Completable} made on first subscription and cached: every caller shares the one run (a
 * stop asked for by the signal handler and again by the shutdown hook runs once, and both see it
 * end).
 */
final class RunOnce {
  private final AtomicReference<Completable> made = new AtomicReference<>();
  private final Supplier<Completable> run;

  RunOnce(Supplier<Completable> run) {
    this.run = run;
  }

  /** The shared run: started by its first subscriber, replayed to the others. */
  Completable get() {
    return Completable.defer(() -> {
      Completable cached = made.get();
      if (cached == null) {
        Completable fresh = run.get().cache();
        cached = made.compareAndSet(null, fresh) ? fresh : made.get();
      }
      return cached;
    });
  }
}
