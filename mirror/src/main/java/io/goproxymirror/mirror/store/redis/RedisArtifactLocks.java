package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.errors.OverloadedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.flight.ArtifactLease;
import io.goproxymirror.mirror.flight.ArtifactLockKey;
import io.goproxymirror.mirror.flight.ArtifactLocks;
import io.goproxymirror.mirror.rx.RxFutures;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ArtifactLocks} on Redis, shared by every replica. The lock of an artifact is the key
 * {@link RedisKeys#lock} (hash-tagged by module, so it works on Redis Cluster) holding a random
 * token of its holder, set with {@code SET NX PX ttl} and renewed, checked and deleted by Lua
 * scripts that compare the token first ({@link RedisLockScripts}, {@link RedisLease}); the lease
 * bookkeeping and renewal schedule are {@code flight.HeldLease}'s.
 *
 * <p><b>Waking waiters: a short poll with backoff.</b> A waiter reads the lock's token and {@code
 * PTTL} (one script), pausing {@code pollMin}, then twice as long each time up to {@code pollMax}
 * (never past the holder's remaining TTL), until the key is gone or holds another token: a waiter
 * wakes when the holder it saw leaves, even if another caller took the lock in between. Polling was
 * chosen over pub/sub because a waiter must poll anyway to notice a holder that died (an expiry publishes nothing unless keyspace events are
 * enabled on the server, which managed Redis often forbids), and because it needs no dedicated
 * subscriber connection outside the pool, which would have to be re-established and re-subscribed
 * after every restart, sentinel failover or cluster change without losing a release in between.
 * Polling uses the pooled client and the same command timeout and error mapping as the store, in
 * every topology. Its cost is bounded: a release is seen {@code pollMax} late at most (100 ms by
 * default, small beside an upstream fetch), and in front of this the in-process single-flight
 * leaves one waiter per artifact per replica, at most {@code maxWaiters} in all.
 *
 * <p>Every command fails after the command timeout, and every failure of Redis with {@link
 * MetadataUnavailableException}; waits fail at the wait deadline.
 * The instance owns its client (a pool separate from the metadata store's, so waiters and
 * renewals never queue behind metadata reads or the reverse).
 */
public final class RedisArtifactLocks implements ArtifactLocks {

  private final RedisKeys keys;
  private final RedisCommands commands;
  private final RedisLockOptions options;
  private final Scheduler timer;
  private final AtomicInteger waiters = new AtomicInteger();
  private final Set<RedisLease> live = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisArtifactLocks(RedisKeys keys, RedisCommands commands, RedisLockOptions options, Scheduler timer) {
    this.keys = keys;
    this.commands = commands;
    this.options = options;
    this.timer = timer;
  }

  /**
   * Locks using a new client of {@code vertx} for the Redis of {@code store} (its topology, pool
   * limits, command timeout and key prefix). Connects when needed: neither blocks nor fails now.
   */
  public static RedisArtifactLocks create(Vertx vertx, RedisStoreOptions store, RedisLockOptions options) {
    return create(vertx, store, options, Schedulers.computation());
  }

  /** As {@link #create(Vertx, RedisStoreOptions, RedisLockOptions)}, with the scheduler of timers. */
  public static RedisArtifactLocks create(
      Vertx vertx, RedisStoreOptions store, RedisLockOptions options, Scheduler timer) {
    return create(RedisClientFactory.create(vertx, store), store, options, timer);
  }

  /** Locks using {@code client}, which they close. */
  static RedisArtifactLocks create(Redis client, RedisStoreOptions store, RedisLockOptions options, Scheduler timer) {
    Objects.requireNonNull(options, "options");
    return new RedisArtifactLocks(
        new RedisKeys(store.keyPrefix()), new RedisCommands(client, store.commandTimeout(), timer), options, timer);
  }

  @Override
  public Maybe<ArtifactLease> tryAcquire(ArtifactLockKey key) {
    return Maybe.defer(() -> {
      String lockKey = lockKey(key);
      String token = UUID.randomUUID().toString();
      long sent = System.nanoTime();
      Request eval = RedisLockScripts.eval(RedisLockScripts.ACQUIRE, lockKey).arg(token).arg(options.ttl().toMillis());
      // The command is not cancelled with the subscriber: a lock granted to nobody is released.
      return Maybe.<ArtifactLease>create(emitter -> commands.send(eval).subscribe(reply -> {
        if (!isOne(reply)) {
          emitter.onComplete();
          return;
        }
        RedisLease lease = new RedisLease(key, lockKey, token, commands, live::remove);
        live.add(lease);
        lease.start(sent, options.terms(), timer);
        if (emitter.isDisposed()) {
          lease.release().subscribe();
        } else {
          emitter.onSuccess(lease);
        }
      }, emitter::tryOnError, emitter::onComplete));
    });
  }

  @Override
  public Completable awaitRelease(ArtifactLockKey key) {
    return Completable.defer(() -> waiting(key, untilReleased(lockKey(key), null, options.pollMin().toNanos())
        .toSingleDefault(Boolean.TRUE)).ignoreElement());
  }

  @Override
  public Single<ArtifactLease> acquire(ArtifactLockKey key) {
    return tryAcquire(key).switchIfEmpty(Single.defer(() -> waiting(key, takeOver(key, lockKey(key)))));
  }

  @Override
  public Completable close() {
    return Completable.defer(() -> {
      if (!closed.compareAndSet(false, true)) {
        return Completable.complete();
      }
      return Completable.merge(live.stream().map(RedisLease::release).toList())
          .andThen(Completable.defer(() -> RxFutures.completable(commands.close())));
    });
  }

  /** Waits until the lock is free, tries to take it, and again while another waiter wins. */
  private Single<ArtifactLease> takeOver(ArtifactLockKey key, String lockKey) {
    return untilReleased(lockKey, null, options.pollMin().toNanos())
        .andThen(tryAcquire(key))
        .switchIfEmpty(Single.defer(() -> takeOver(key, lockKey)));
  }

  /**
   * Completes when the holder of {@code lockKey} is no longer {@code seen} (null: whoever holds it
   * at the first look): the key is gone or holds another token. Looks again after {@code pause}
   * ns, doubled each time up to {@code pollMax}, never past the holder's remaining TTL.
   */
  private Completable untilReleased(String lockKey, String seen, long pause) {
    return commands.send(RedisLockScripts.eval(RedisLockScripts.LOOK, lockKey))
        .flatMapCompletable(reply -> {
          String holder = reply.get(0).toString();
          if (seen != null && !seen.equals(holder)) {
            return Completable.complete();
          }
          long ttl = reply.get(1).toLong();
          // -1 (no TTL) is not a lock this class wrote; it is polled like any other until deleted
          long wait = ttl >= 0 ? Math.min(pause, TimeUnit.MILLISECONDS.toNanos(ttl + 1)) : pause;
          long next = Math.min(pause * 2, options.pollMax().toNanos());
          return Completable.timer(wait, TimeUnit.NANOSECONDS, timer)
              .andThen(Completable.defer(() -> untilReleased(lockKey, holder, next)));
        });
  }

  /** Runs {@code wait} as one of at most {@code maxWaiters} waiters, until the wait deadline. */
  private <T> Single<T> waiting(ArtifactLockKey key, Single<T> wait) {
    return Single.defer(() -> {
      if (waiters.incrementAndGet() > options.maxWaiters()) {
        waiters.decrementAndGet();
        return Single.error(new OverloadedException(
            "too many requests are waiting for fetches by other replicas; retry shortly"));
      }
      long deadline = options.waitTimeout().toNanos();
      return wait
          .timeout(deadline, TimeUnit.NANOSECONDS, timer, Single.error(() -> new UpstreamTimeoutException(
              "another replica is still fetching " + key + " after " + describe(options.waitTimeout()))))
          .doFinally(waiters::decrementAndGet);
    });
  }

  /** Whether a script answered 1; any other reply (none expected) counts as "not granted". */
  private static boolean isOne(Response reply) {
    return reply.type() == ResponseType.NUMBER && reply.toLong() == 1;
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private String lockKey(ArtifactLockKey key) {
    return keys.lock(key.module(), key.version(), key.kind());
  }
}
