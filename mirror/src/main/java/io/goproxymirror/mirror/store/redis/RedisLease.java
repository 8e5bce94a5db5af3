package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.mirror.flight.ArtifactLease;
import io.goproxymirror.mirror.flight.ArtifactLockKey;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock of {@link RedisArtifactLocks} that is ours: the lock key holds our random token. From
 * {@link #start} it renews the TTL every {@code ttl / 3}, on a timer of its own (never behind the
 * fetch's I/O), with a script that extends it only while the key still holds our token, for
 * {@code maxHold} at most. A renewal that finds another token
 * (or none) ends the lease; one that fails (Redis unreachable) is tried again at the next tick,
 * until the TTL since the last good renewal has run out and the lock must be gone. Release deletes
 * the key with the same compare-and-delete, so a stale lease never removes a newer holder's lock.
 */
final class RedisLease implements ArtifactLease {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLease.class);

  private final ArtifactLockKey key;
  private final String lockKey;
  private final String token;
  private final RedisCommands commands;
  private final RedisLockOptions options;
  private final Consumer<RedisLease> onEnd;
  private final AtomicBoolean held = new AtomicBoolean(true);
  private final AtomicBoolean released = new AtomicBoolean();
  private volatile long lastRenewed;
  private volatile Disposable renewal = Disposable.empty();

  /**
   * @param acquiredAt {@link System#nanoTime()} when the acquiring command was sent
   * @param onEnd run once when the lease is released or lost
   */
  RedisLease(ArtifactLockKey key, String lockKey, String token, RedisCommands commands, RedisLockOptions options,
      long acquiredAt, Consumer<RedisLease> onEnd) {
    this.key = key;
    this.lockKey = lockKey;
    this.token = token;
    this.commands = commands;
    this.options = options;
    this.lastRenewed = acquiredAt;
    this.onEnd = onEnd;
  }

  /**
   * Starts the renewals on {@code timer}, at a fixed rate whatever the fetch is doing; returns
   * this lease. Ticks that come while a renewal is still unanswered are skipped, so a slow Redis
   * never queues renewals up; a renewal unanswered after two thirds of the TTL (or the command
   * timeout, if shorter) counts as failed.
   */
  RedisLease start(Scheduler timer) {
    long period = options.renewEvery().toNanos();
    long renewals = Math.max(1, options.maxHold().toNanos() / period);
    renewal = Flowable.interval(period, period, TimeUnit.NANOSECONDS, timer)
        .take(renewals)
        .onBackpressureDrop()
        .concatMapSingle(tick -> renewOnce(options.ttl().toNanos() - period, timer), 1)
        .takeUntil(ours -> !ours)
        .subscribe(ours -> {
          if (!ours) {
            end("lost");
          }
        }, failure -> end("renewal_failed"), () -> end("max_hold_reached"));
    return this;
  }

  @Override
  public ArtifactLockKey key() {
    return key;
  }

  @Override
  public boolean held() {
    return held.get();
  }

  @Override
  public Completable release() {
    return Completable.defer(() -> {
      if (!released.compareAndSet(false, true)) {
        return Completable.complete();
      }
      renewal.dispose();
      end(null);
      return commands.send(RedisLockScripts.eval(RedisLockScripts.RELEASE, lockKey).arg(token))
          .doOnSuccess(reply -> {
            if (reply.toLong() == 0) {
              LOG.debug("event=lock_release_not_ours artifact={}", key);
            }
          })
          .ignoreElement()
          .onErrorComplete(failure -> {
            LOG.warn("event=lock_release_failed artifact={} reason=\"{}\"", key, failure.getMessage());
            return true;
          });
    });
  }

  /** Stops renewing without releasing, as a crashed holder would; for tests. */
  void abandon() {
    renewal.dispose();
  }

  /**
   * One renewal: true while the lock is (or may still be) ours, false once it is not. A failure
   * counts as "may still be ours" until a TTL has passed since the last good renewal.
   */
  private Single<Boolean> renewOnce(long bound, Scheduler timer) {
    long sent = System.nanoTime();
    return commands.send(RedisLockScripts.eval(RedisLockScripts.RENEW, lockKey).arg(token).arg(options.ttl().toMillis()))
        .timeout(bound, TimeUnit.NANOSECONDS, timer, Maybe.error(() -> new TimeoutException(
            "Redis did not answer the renewal in time")))
        .map(reply -> reply.toLong() == 1)
        .defaultIfEmpty(false)
        .doOnSuccess(ours -> {
          if (ours) {
            lastRenewed = sent;
          }
        })
        .onErrorReturn(failure -> {
          boolean expired = System.nanoTime() - lastRenewed >= options.ttl().toNanos();
          LOG.warn("event=lock_renewal_failed artifact={} expired={} reason=\"{}\"", key, expired, failure.getMessage());
          return !expired && !(failure instanceof IllegalStateException);
        });
  }

  /** Marks the lease over; {@code why} is logged unless the holder released it. */
  private void end(String why) {
    if (held.compareAndSet(true, false)) {
      onEnd.accept(this);
      if (why != null) {
        LOG.warn("event=lock_lease_ended artifact={} reason={}", key, why);
      }
    }
  }
}
