package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.rx.RxFutures;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A module zip being downloaded into a staging file. Readers may tail the staging file up to
 * {@link #written()} bytes while it grows; the download ends with the committed record (verified
 * and stored) or with a failure, and only then may a reader end its response. Its source stages
 * the bytes ({@link #advance}); the finishing steps end it ({@link #settle}).
 *
 * <p>Readers {@link #attach} while they stream. When the staging file cannot be written (the disk
 * is full), the download fails for everyone else but the readers attached at that moment get the
 * rest of the upstream body through a {@link ZipRelay}, unstored.
 */
public final class ZipDownload {
  private final Path staging;
  private final long declaredLength;
  private final Promise<ArtifactRecord> done = Promise.promise();
  private final List<Runnable> listeners = new ArrayList<>();
  private final Set<Object> readers = Collections.newSetFromMap(new IdentityHashMap<>());
  private volatile long written;
  private volatile ZipRelay relay;

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

  /** Completes when the download ended, committed or not. */
  public Completable ended() {
    return RxFutures.completable(done.future()).onErrorComplete();
  }

  /**
   * Ends the download with {@code commit} (the finishing steps after staging: verify, store,
   * record): completes it with the stored record, or fails it with the failure {@code end} makes of
   * the error. Subscribes at once; the download never waits for a client.
   */
  public void settle(Single<ArtifactRecord> commit, ZipEnd end) {
    end.bound(commit).subscribe(
        stored -> {
          end.succeeded();
          complete(stored);
        },
        err -> fail(end.failed(err)));
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

  /**
   * Registers {@code reader} as streaming this download. False when a relay already runs: the
   * download can no longer be streamed from its start, and {@link #done} fails shortly.
   */
  public boolean attach(Object reader) {
    synchronized (listeners) {
      if (relay != null) {
        return false;
      }
      readers.add(reader);
      return true;
    }
  }

  /** {@code reader} stopped streaming (finished, failed, or its client went away). */
  public void detach(Object reader) {
    ZipRelay current;
    synchronized (listeners) {
      readers.remove(reader);
      current = relay;
    }
    if (current != null) {
      current.leave(reader);
    }
  }

  /** The relay of the rest of the body after the staging file failed, or null. */
  public ZipRelay relay() {
    return relay;
  }

  /**
   * The staging file cannot take more bytes: fails the download with {@code error} and returns a
   * relay from {@code start} for the readers attached now, or null when none is.
   */
  ZipRelay startRelay(long start, long highWater, Throwable error) {
    ZipRelay created = null;
    synchronized (listeners) {
      if (!readers.isEmpty() && !done.future().isComplete()) {
        created = new ZipRelay(start, highWater, new ArrayList<>(readers));
        relay = created;
      }
    }
    fail(error);
    return created;
  }

  /** {@code total} bytes are in the staging file now (from its source). */
  public void advance(long total) {
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
