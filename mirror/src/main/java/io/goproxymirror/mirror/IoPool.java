package io.goproxymirror.mirror;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The bounded pool for blocking storage I/O and hashing, never an event loop. */
final class IoPool {
  private static final int QUEUE = 65_536;
  private final ThreadPoolExecutor executor;
  private final Scheduler scheduler;

  IoPool(int threads) {
    AtomicInteger n = new AtomicInteger();
    executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "goproxy-io-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.allowCoreThreadTimeOut(true);
    scheduler = Schedulers.from(executor);
  }

  Scheduler scheduler() {
    return scheduler;
  }

  void shutdown() {
    executor.shutdown();
  }
}
