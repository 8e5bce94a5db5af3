package io.goproxymirror.mirror.store;

import io.goproxymirror.mirror.errors.StorageFullException;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Free space of the data directory's file system against {@code storage.min-free}. The free space
 * is measured on the I/O scheduler every {@code interval} (and once at construction), so asking
 * {@link #nearlyFull} is one volatile read that is safe on an event loop. Below the minimum, new
 * misses are refused with {@link StorageFullException} (hits are unaffected); each change of state
 * is logged once. A minimum of 0 turns the refusal off (the free space is still measured).
 */
public final class StorageSpace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StorageSpace.class);

  /** Measures the free bytes; blocking. */
  @FunctionalInterface
  public interface Probe {
    long freeBytes() throws IOException;
  }

  private final Probe probe;
  private final long minFree;
  private final AtomicBoolean full = new AtomicBoolean();
  private final Disposable ticks;
  private volatile long free;

  /**
   * @param probe measures the free bytes (blocking; runs on {@code io})
   * @param minFree below this many free bytes new misses are refused; 0 for never
   * @param interval how often the free space is measured
   */
  public StorageSpace(Probe probe, long minFree, Duration interval, Scheduler io) {
    if (minFree < 0) {
      throw new IllegalArgumentException("minFree must not be negative");
    }
    this.probe = probe;
    this.minFree = minFree;
    this.free = Long.MAX_VALUE;
    refresh();
    this.ticks = Flowable.interval(interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS, io)
        .onBackpressureDrop()
        .subscribe(tick -> refresh(), err -> LOG.warn("event=storage_space_probe_stopped reason=\"{}\"", err.toString()));
  }

  /** The free space of {@code dataDir}'s file system, measured every second. */
  public static StorageSpace of(Path dataDir, long minFree, Scheduler io) {
    FileStore store;
    try {
      store = Files.getFileStore(dataDir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot find the file system of the data directory " + dataDir, e);
    }
    return new StorageSpace(store::getUsableSpace, minFree, Duration.ofSeconds(1), io);
  }

  /** Free bytes at the last measurement ({@link Long#MAX_VALUE} before a first one succeeded). */
  public long freeBytes() {
    return free;
  }

  /** The configured minimum. */
  public long minFree() {
    return minFree;
  }

  /** Whether the free space was below the minimum at the last measurement. */
  public boolean nearlyFull() {
    return full.get();
  }

  /**
   * Throws {@link StorageFullException} when the storage is nearly full: a miss calls it before
   * asking any source.
   */
  public void checkRoom() {
    if (full.get()) {
      throw new StorageFullException("storage nearly full: " + free + " bytes free, below storage.min-free ("
          + minFree + " bytes); try again later");
    }
  }

  /** Measures now (blocking). */
  public void refresh() {
    long measured;
    try {
      measured = probe.freeBytes();
    } catch (IOException | RuntimeException e) {
      LOG.warn("event=storage_space_unknown reason=\"{}\"", String.valueOf(e.getMessage()).replace('"', '\''));
      return;
    }
    free = measured;
    boolean below = minFree > 0 && measured < minFree;
    if (full.compareAndSet(!below, below)) {
      if (below) {
        LOG.warn("event=storage_state state=nearly_full free_bytes={} min_free_bytes={} misses=refused",
            measured, minFree);
      } else {
        LOG.info("event=storage_state state=ok free_bytes={} min_free_bytes={}", measured, minFree);
      }
    }
  }

  @Override
  public void close() {
    ticks.dispose();
  }
}
