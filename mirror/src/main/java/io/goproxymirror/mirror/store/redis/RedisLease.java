package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.mirror.flight.ArtifactLockKey;
import io.goproxymirror.mirror.flight.HeldLease;
import io.goproxymirror.mirror.flight.LeaseTerms;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Scheduler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock of {@link RedisArtifactLocks} that is ours: the lock key holds our random token. From
 * {@link #start} it is renewed as {@link HeldLease} describes, with a script that extends the TTL
 * only while the key still holds our token; a renewal that finds another token (or none) ends the
 * lease. Release deletes the key with the same compare-and-delete, so a stale lease never removes
 * a newer holder's lock.
 */
final class RedisLease extends HeldLease {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLease.class);

  private final String lockKey;
  private final String token;
  private final RedisCommands commands;

  /**
   * @param lockKey the Redis key of the lock
   * @param token our random token, held by {@code lockKey} while the lock is ours
   * @param onEnd run once when the lease is released or lost
   */
  RedisLease(ArtifactLockKey key, String lockKey, String token, RedisCommands commands,
      Consumer<? super HeldLease> onEnd) {
    super(key, onEnd);
    this.lockKey = lockKey;
    this.token = token;
    this.commands = commands;
  }

  /**
   * Starts the renewals on {@code timer}; returns this lease. A renewal unanswered after two
   * thirds of the TTL (or the command timeout, if shorter) counts as failed.
   *
   * @param acquiredAt {@link System#nanoTime()} when the acquiring command was sent
   */
  RedisLease start(long acquiredAt, LeaseTerms terms, Scheduler timer) {
    renew(acquiredAt, terms, timer, () -> commands
        .send(RedisLockScripts.eval(RedisLockScripts.RENEW, lockKey).arg(token).arg(terms.ttl().toMillis()))
        .map(reply -> reply.toLong() == 1));
    return this;
  }

  @Override
  protected Completable giveUp() {
    return commands.send(RedisLockScripts.eval(RedisLockScripts.RELEASE, lockKey).arg(token))
        .doOnSuccess(reply -> {
          if (reply.toLong() == 0) {
            LOG.debug("event=lock_release_not_ours artifact={}", key());
          }
        })
        .ignoreElement()
        .onErrorComplete(failure -> {
          LOG.warn("event=lock_release_failed artifact={} reason=\"{}\"", key(), failure.getMessage());
          return true;
        });
  }

  /** Stops renewing without releasing, as a crashed holder would; for tests. */
  void abandon() {
    stopRenewing();
  }
}
