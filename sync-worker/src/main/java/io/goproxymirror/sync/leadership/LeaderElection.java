package io.goproxymirror.sync.leadership;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.subjects.CompletableSubject;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the leader's work in exactly one worker. Every {@code ttl / 3} it calls {@link
 * LeaderLock#hold()}: the first success makes this worker the leader and runs {@code onElected};
 * a later "held by another" ends the leadership at once and runs {@code onDemoted}. When the lock
 * cannot be reached, the leader keeps leading until a TTL has passed since its last good hold
 * (by then the lock has expired and a standby may have taken it), and then steps down.
 */
public final class LeaderElection {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  private final LeaderLock lock;
  private final Duration ttl;
  private final Scheduler timer;
  private final LongSupplier nanoTime;
  private final Runnable onElected;
  private final Runnable onDemoted;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final PublishSubject<Boolean> stopSignal = PublishSubject.create();
  private final CompletableSubject ticksEnded = CompletableSubject.create();
  private final CompletableSubject firstRound = CompletableSubject.create();
  private volatile long lastHeld;
  private volatile Disposable ticks;

  /**
   * @param onElected run when this worker becomes the leader
   * @param onDemoted run when it stops being the leader (lost lock, or {@link #stop()})
   */
  public LeaderElection(LeaderLock lock, Duration ttl, Scheduler timer, LongSupplier nanoTime, Runnable onElected,
      Runnable onDemoted) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("the leader lock TTL must be positive");
    }
    this.lock = lock;
    this.ttl = ttl;
    this.timer = timer;
    this.nanoTime = nanoTime;
    this.onElected = onElected;
    this.onDemoted = onDemoted;
  }

  /**
   * Starts campaigning now and every {@code ttl / 3}. The returned (already running) Completable
   * completes once the first round's outcome is applied, so a caller knows whether this worker
   * leads before it serves; it never fails (an unreachable lock is an outcome).
   */
  public Completable start() {
    long period = Math.max(1, ttl.toMillis() / 3);
    // On stop the ticks end after the hold in flight (if any) has come back, so the release that
    // follows cannot be overtaken by a late hold that would take the lock again.
    ticks = Observable.interval(0, period, TimeUnit.MILLISECONDS, timer)
        .takeUntil(stopSignal)
        .concatMapSingle(tick -> lock.hold()
            .map(ours -> ours ? Outcome.HELD : Outcome.OTHER)
            .onErrorReturn(failure -> {
              LOG.warn("event=leader_lock_unreachable reason=\"{}\"", failure.getMessage());
              return Outcome.UNREACHABLE;
            }))
        .subscribe(outcome -> {
          apply(outcome);
          firstRound.onComplete();
        }, err -> {
          firstRound.onComplete();
          ticksEnded.onError(err);
        }, () -> {
          firstRound.onComplete();
          ticksEnded.onComplete();
        });
    return firstRound;
  }

  /** Whether this worker leads now. */
  public boolean leading() {
    return leading.get();
  }

  /** Stops campaigning; a leader steps down and releases the lock. */
  public Completable stop() {
    return Completable.defer(() -> {
      stopping.set(true);
      Completable ended = Completable.complete();
      if (ticks != null) {
        stopSignal.onNext(true);
        ended = ticksEnded.onErrorComplete().timeout(ttl.toMillis(), TimeUnit.MILLISECONDS, timer,
            Completable.fromAction(ticks::dispose));
      }
      return ended.andThen(Completable.defer(this::stepDownAndRelease));
    });
  }

  private Completable stepDownAndRelease() {
    if (leading.compareAndSet(true, false)) {
      LOG.info("event=leader_stepped_down reason=stopping");
      onDemoted.run();
      return lock.release().onErrorComplete();
    }
    return Completable.complete();
  }

  private enum Outcome { HELD, OTHER, UNREACHABLE }

  private void apply(Outcome outcome) {
    if (stopping.get()) {
      return;
    }
    switch (outcome) {
      case HELD -> {
        lastHeld = nanoTime.getAsLong();
        if (leading.compareAndSet(false, true)) {
          LOG.info("event=leader_elected");
          onElected.run();
        }
      }
      case OTHER -> stepDown("held_by_another");
      case UNREACHABLE -> {
        if (nanoTime.getAsLong() - lastHeld >= ttl.toNanos()) {
          stepDown("lock_unreachable");
        }
      }
    }
  }

  private void stepDown(String reason) {
    if (leading.compareAndSet(true, false)) {
      LOG.warn("event=leader_stepped_down reason={}", reason);
      onDemoted.run();
    }
  }
}
