package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.errors.OverloadedException;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.core.SingleObserver;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Bounds the upstream fetches running at once. A miss that finds every permit taken waits in a
 * bounded FIFO queue for one; when the queue is full, or its wait passes the queue wait, it is shed
 * with {@link OverloadedException} (503 with Retry-After). Warm hits never touch the gate.
 *
 * <p>Acquiring never blocks: {@link #acquire()} emits the permit when one is free. A waiter that is
 * disposed leaves the queue and never holds a permit; a permit handed to a waiter that went away
 * meanwhile is given back at once. Disposing an acquisition also gives back a permit it already
 * emitted (release is idempotent), which covers a subscriber that goes away while the permit is
 * being handed over.
 */
public final class FetchGate {
  private static final int WAITING = 0;
  private static final int GRANTED = 1;
  private static final int DELIVERED = 2;
  private static final int GONE = 3;

  private final int max;
  private final int queueLimit;
  private final Duration queueWait;
  private final Scheduler timer;
  private final MirrorMetrics metrics;
  private final Deque<Waiter> queue = new ArrayDeque<>();
  private int running;

  /**
   * @param max fetches running at once, at least 1
   * @param queueLimit misses that may wait for a permit, 0 for none
   * @param queueWait the longest one waits
   * @param timer runs the wait deadlines
   */
  public FetchGate(int max, int queueLimit, Duration queueWait, Scheduler timer, MirrorMetrics metrics) {
    if (max < 1 || queueLimit < 0) {
      throw new IllegalArgumentException("max must be at least 1 and queueLimit at least 0");
    }
    this.max = max;
    this.queueLimit = queueLimit;
    this.queueWait = queueWait;
    this.timer = timer;
    this.metrics = metrics;
    metrics.fetchQueue(this::queued);
  }

  /**
   * A cold {@link Single} that emits a permit once one is free (on the subscriber's Vert.x context
   * when it has one), or fails with {@link OverloadedException} when the queue is full or the wait
   * ends. The permit must be released once; later calls are ignored.
   */
  public Single<Permit> acquire() {
    return new Acquisition();
  }

  /** Runs {@code work} holding a permit, given back when it ends, fails or is disposed. */
  public <T> Single<T> withPermit(Function<Permit, Single<T>> work) {
    // The work is deferred so that a supplier that throws before returning its Single still gives
    // the permit back.
    return acquire().flatMap(permit -> Single.defer(() -> work.apply(permit)).doFinally(permit::release));
  }

  /** Permits taken now. */
  public synchronized int running() {
    return running;
  }

  /** Misses waiting for a permit now. */
  public synchronized int queued() {
    return queue.size();
  }

  private void enter(Waiter waiter) {
    boolean granted = false;
    boolean full = false;
    synchronized (this) {
      if (waiter.state.get() != WAITING) {
        return; // disposed in onSubscribe
      }
      if (running < max) {
        running++;
        granted = waiter.state.compareAndSet(WAITING, GRANTED);
        if (!granted) {
          running--;
          return;
        }
      } else if (queue.size() < queueLimit) {
        queue.addLast(waiter);
      } else {
        full = waiter.state.compareAndSet(WAITING, GONE);
        if (!full) {
          return;
        }
      }
    }
    if (granted) {
      waiter.deliver(new Permit());
    } else if (full) {
      metrics.fetchRejected("queue_full");
      waiter.observer.onError(new OverloadedException(queueLimit == 0
          ? "too many upstream fetches in progress; retry shortly"
          : "too many upstream fetches in progress and waiting; retry shortly"));
    } else {
      waiter.deadline = timer.scheduleDirect(waiter::expire, queueWait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Hands the permit of an ended fetch to the first live waiter, or frees it. */
  private void release() {
    Waiter next = null;
    synchronized (this) {
      while (!queue.isEmpty()) {
        Waiter head = queue.pollFirst();
        if (head.state.compareAndSet(WAITING, GRANTED)) {
          next = head;
          break;
        }
      }
      if (next == null) {
        running--;
      }
    }
    if (next != null) {
      Disposable deadline = next.deadline;
      if (deadline != null) {
        deadline.dispose();
      }
      next.deliver(new Permit());
    }
  }

  private synchronized void leave(Waiter waiter) {
    queue.remove(waiter);
  }

  /** One subscription to {@link #acquire()}. */
  private final class Acquisition extends Single<Permit> {
    @Override
    protected void subscribeActual(SingleObserver<? super Permit> observer) {
      Waiter waiter = new Waiter(observer, Vertx.currentContext());
      observer.onSubscribe(waiter);
      enter(waiter);
    }
  }

  /** A subscriber waiting for, or holding, a permit. */
  private final class Waiter implements Disposable {
    final AtomicInteger state = new AtomicInteger(WAITING);
    final SingleObserver<? super Permit> observer;
    final Context context;
    volatile Permit permit;
    volatile Disposable deadline;

    Waiter(SingleObserver<? super Permit> observer, Context context) {
      this.observer = observer;
      this.context = context;
    }

    void deliver(Permit given) {
      permit = given;
      if (context == null || Vertx.currentContext() == context) {
        handOver();
      } else {
        context.runOnContext(v -> handOver());
      }
    }

    private void handOver() {
      if (state.compareAndSet(GRANTED, DELIVERED)) {
        observer.onSuccess(permit);
      } else {
        permit.release();
      }
    }

    void expire() {
      if (state.compareAndSet(WAITING, GONE)) {
        leave(this);
        metrics.fetchRejected("queue_timeout");
        observer.onError(new OverloadedException(
            "no upstream fetch slot became free within " + queueWait.toMillis() + "ms; retry shortly"));
      }
    }

    @Override
    public void dispose() {
      int was = state.getAndSet(GONE);
      if (was == WAITING) {
        leave(this);
        Disposable pending = deadline;
        if (pending != null) {
          pending.dispose();
        }
      } else if (was == GRANTED || was == DELIVERED) {
        Permit held = permit;
        if (held != null) {
          held.release();
        }
      }
    }

    @Override
    public boolean isDisposed() {
      return state.get() == GONE;
    }
  }

  /** One taken permit. */
  public final class Permit {
    private final AtomicBoolean released = new AtomicBoolean();

    private Permit() {}

    /** Gives the permit back; only the first call counts. */
    public void release() {
      if (released.compareAndSet(false, true)) {
        FetchGate.this.release();
      }
    }
  }
}
