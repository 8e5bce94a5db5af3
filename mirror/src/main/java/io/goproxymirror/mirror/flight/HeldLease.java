package io.goproxymirror.mirror.flight;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping every {@link ArtifactLease} shares: its key; whether it is still held; a
 * release that acts once (stops the renewal, ends the lease, then gives the lock up through
 * {@link #giveUp()}); the end of the lease, released or lost, reported once to its owner. A lease
 * of a shared lock also keeps it alive with {@link #renew}: every {@code ttl / 3}, on a timer of
 * its own (never behind the fetch's I/O), for {@code maxHold} at most. A renewal that finds the
 * lock no longer ours ends the lease; one that fails is tried again at the next tick, until the
 * TTL since the last good renewal has run out and the lock must be gone. Logs as the concrete
 * lease class.
 */
public abstract class HeldLease implements ArtifactLease {
  private final Logger log = LoggerFactory.getLogger(getClass());
  private final ArtifactLockKey key;
  private final Consumer<? super HeldLease> onEnd;
  private final AtomicBoolean held = new AtomicBoolean(true);
  private final AtomicBoolean released = new AtomicBoolean();
  private volatile long lastRenewed;
  private volatile Disposable renewal = Disposable.empty();

  /** @param onEnd run once when the lease is released or lost */
  protected HeldLease(ArtifactLockKey key, Consumer<? super HeldLease> onEnd) {
    this.key = key;
    this.onEnd = onEnd;
  }

  @Override
  public final ArtifactLockKey key() {
    return key;
  }

  @Override
  public final boolean held() {
    return held.get();
  }

  @Override
  public final Completable release() {
    return Completable.defer(() -> {
      if (!released.compareAndSet(false, true)) {
        return Completable.complete();
      }
      renewal.dispose();
      end(null);
      return giveUp();
    });
  }

  /** Gives the lock up where it is kept, once, after the lease ended; never fails. */
  protected abstract Completable giveUp();

  /**
   * Starts the renewals on {@code timer}, at a fixed rate whatever the fetch is doing. Ticks that
   * come while a renewal is still unanswered are skipped, so a slow store never queues renewals
   * up; a renewal unanswered after two thirds of the TTL counts as failed.
   *
   * @param acquiredAt {@link System#nanoTime()} when the acquiring command was sent
   * @param extend one renewal: true while the lock holds our token (and its TTL was extended),
   *     false or empty when it does not; an {@link IllegalStateException} (the client is closed)
   *     ends the lease
   */
  protected final void renew(long acquiredAt, LeaseTerms terms, Scheduler timer, Supplier<Maybe<Boolean>> extend) {
    lastRenewed = acquiredAt;
    long period = terms.renewEvery().toNanos();
    long renewals = Math.max(1, terms.maxHold().toNanos() / period);
    renewal = Flowable.interval(period, period, TimeUnit.NANOSECONDS, timer)
        .take(renewals)
        .onBackpressureDrop()
        .concatMapSingle(tick -> renewOnce(terms.ttl().toNanos() - period, terms, timer, extend), 1)
        .takeUntil(ours -> !ours)
        .subscribe(ours -> {
          if (!ours) {
            end("lost");
          }
        }, failure -> end("renewal_failed"), () -> end("max_hold_reached"));
  }

  /** Stops renewing without releasing, as a crashed holder would. */
  protected final void stopRenewing() {
    renewal.dispose();
  }

  /**
   * One renewal: true while the lock is (or may still be) ours, false once it is not. A failure
   * counts as "may still be ours" until a TTL has passed since the last good renewal.
   */
  private Single<Boolean> renewOnce(long bound, LeaseTerms terms, Scheduler timer, Supplier<Maybe<Boolean>> extend) {
    long sent = System.nanoTime();
    return extend.get()
        .timeout(bound, TimeUnit.NANOSECONDS, timer, Maybe.error(() -> new TimeoutException(
            "Redis did not answer the renewal in time")))
        .defaultIfEmpty(false)
        .doOnSuccess(ours -> {
          if (ours) {
            lastRenewed = sent;
          }
        })
        .onErrorReturn(failure -> {
          boolean expired = System.nanoTime() - lastRenewed >= terms.ttl().toNanos();
          log.warn("event=lock_renewal_failed artifact={} expired={} reason=\"{}\"", key, expired, failure.getMessage());
          return !expired && !(failure instanceof IllegalStateException);
        });
  }

  /** Marks the lease over; {@code why} is logged unless the holder released it. */
  private void end(String why) {
    if (held.compareAndSet(true, false)) {
      onEnd.accept(this);
      if (why != null) {
        log.warn("event=lock_lease_ended artifact={} reason={}", key, why);
      }
    }
  }
}
