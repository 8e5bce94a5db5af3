package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.mirror.errors.OverloadedException;
import io.reactivex.rxjava3.core.Single;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool on which all Git work runs (JGit calls, go-import discovery, zip building):
 * never an event loop. A task that finds the pool and its wait queue full is refused with
 * {@link OverloadedException} (503) instead of queueing without limit. Disposing the returned
 * {@link Single} interrupts the running task, which Git operations observe as cancellation.
 */
public final class GitWorkers {
  private final ThreadPoolExecutor executor;

  public GitWorkers(int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
      Thread t = new Thread(r, "goproxy-git-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code task} on the pool; cold: each subscription submits once. */
  public <T> Single<T> submit(Callable<T> task) {
    return Single.create(emitter -> {
      Future<?> future;
      try {
        future = executor.submit(() -> {
          try {
            T value = task.call();
            emitter.onSuccess(value);
          } catch (Throwable e) { // NOPMD: every failure of the task goes to the subscriber
            emitter.tryOnError(e);
          }
        });
      } catch (RejectedExecutionException e) {
        emitter.tryOnError(new OverloadedException("too many Git operations waiting; retry shortly"));
        return;
      }
      emitter.setCancellable(() -> future.cancel(true));
    });
  }

  /** Tasks running or waiting, for tests and metrics. */
  public int pending() {
    return executor.getActiveCount() + executor.getQueue().size();
  }

  public void shutdown() {
    executor.shutdownNow();
  }
}
