package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.errors.OverloadedException;
import io.reactivex.rxjava3.core.Single;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the upstream fetches running at once. A miss that finds every permit taken is shed with
 * {@link OverloadedException} (503 with Retry-After) instead of queueing without limit; warm hits
 * never touch the gate.
 */
public final class FetchGate {
  private final int max;
  private final AtomicInteger running = new AtomicInteger();

  public FetchGate(int max) {
    this.max = max;
  }

  /** Takes a permit; the returned permit must be released exactly once (later calls are ignored). */
  public Permit acquire() {
    while (true) {
      int now = running.get();
      if (now >= max) {
        throw new OverloadedException("too many upstream fetches in progress; retry shortly");
      }
      if (running.compareAndSet(now, now + 1)) {
        return new Permit();
      }
    }
  }

  /** Runs {@code work} (such as a direct build) holding a permit, released when it ends. */
  public <T> Single<T> withPermit(Supplier<Single<T>> work) {
    return Single.defer(() -> {
      Permit permit = acquire();
      return work.get().doFinally(permit::release);
    });
  }

  /** One taken permit. */
  public final class Permit {
    private final AtomicInteger released = new AtomicInteger();

    private Permit() {}

    public void release() {
      if (released.compareAndSet(0, 1)) {
        running.decrementAndGet();
      }
    }
  }
}
