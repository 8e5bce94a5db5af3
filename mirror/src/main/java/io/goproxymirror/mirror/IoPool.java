package io.goproxymirror.mirror;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pools for blocking storage work, never an event loop: one for reads (what a hit
 * needs: metadata lookups and stored files), one for writes (what a miss does: verification and
 * hashing, fsync and rename, metadata commits, uploads). A hit never queues behind the work of
 * misses, however many misses are being stored.
 */
final class IoPool {
  private static final int QUEUE = 65_536;
  private final ThreadPoolExecutor readExecutor;
  private final ThreadPoolExecutor writeExecutor;
  private final Scheduler reads;
  private final Scheduler writes;

  /** Two pools of {@code threads} threads each. */
  IoPool(int threads) {
    readExecutor = executor("goproxy-read-", threads);
    writeExecutor = executor("goproxy-write-", threads);
    reads = Schedulers.from(readExecutor);
    writes = Schedulers.from(writeExecutor);
  }

  /** Reads of stored artifacts and metadata. */
  Scheduler reads() {
    return reads;
  }

  /** Storing: verification, hashing, file writes and commits. */
  Scheduler writes() {
    return writes;
  }

  void shutdown() {
    readExecutor.shutdown();
    writeExecutor.shutdown();
  }

  private static ThreadPoolExecutor executor(String prefix, int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, prefix + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
