package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.store.ArtifactRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A module zip being downloaded into a staging file. Readers may tail the staging file up to
 * {@link #written()} bytes while it grows; the download ends with the committed record (verified
 * and stored) or with a failure, and only then may a reader end its response.
 */
public final class ZipDownload {
  private final Path staging;
  private final long declaredLength;
  private final Promise<ArtifactRecord> done = Promise.promise();
  private final List<Runnable> listeners = new ArrayList<>();
  private volatile long written;

  public ZipDownload(Path staging, long declaredLength) {
    this.staging = staging;
    this.declaredLength = declaredLength;
  }

  /** The staging file; it is renamed into storage on success, so open it early. */
  public Path staging() {
    return staging;
  }

  /** The upstream's Content-Length, or -1 if it sent none. */
  public long declaredLength() {
    return declaredLength;
  }

  /** Bytes safely written to the staging file so far. */
  public long written() {
    return written;
  }

  /** Completes with the stored record once verified and committed, or fails. */
  public Future<ArtifactRecord> done() {
    return done.future();
  }

  /**
   * Runs {@code listener} once, as soon as more than {@code seen} bytes are written or the download
   * has ended (at once if that is already the case).
   */
  public void whenProgress(long seen, Runnable listener) {
    boolean now;
    synchronized (listeners) {
      now = written > seen || done.future().isComplete();
      if (!now) {
        listeners.add(listener);
      }
    }
    if (now) {
      listener.run();
    }
  }

  /** Readers waiting in {@link #whenProgress} for more bytes or the end. */
  public int waitingReaders() {
    synchronized (listeners) {
      return listeners.size();
    }
  }

  void advance(long total) {
    written = total;
    fire();
  }

  void complete(ArtifactRecord record) {
    done.tryComplete(record);
    fire();
  }

  void fail(Throwable error) {
    done.tryFail(error);
    fire();
  }

  private void fire() {
    List<Runnable> ready;
    synchronized (listeners) {
      ready = new ArrayList<>(listeners);
      listeners.clear();
    }
    ready.forEach(Runnable::run);
  }
}
