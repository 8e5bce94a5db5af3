package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.sync.leadership.LeaderLock;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.UUID;

/**
 * The sync worker's {@link LeaderLock} on Redis: the key {@link RedisKeys#syncLeader()} holds the
 * leader's random token with a TTL. Taking, extending and releasing use the token-checked scripts
 * of the artifact locks ({@link RedisLockScripts}), so a worker only ever extends or deletes its
 * own lock, and a leader that dies leaves a key that expires after the TTL.
 */
final class RedisLeaderLock implements LeaderLock {
  private final RedisCommands commands;
  private final String key;
  private final Duration ttl;
  private final String token = UUID.randomUUID().toString();

  RedisLeaderLock(RedisCommands commands, RedisKeys keys, Duration ttl) {
    this.commands = commands;
    this.key = keys.syncLeader();
    this.ttl = ttl;
  }

  @Override
  public Single<Boolean> hold() {
    return Single.defer(() -> commands
        .send(RedisLockScripts.eval(RedisLockScripts.ACQUIRE, key).arg(token).arg(ttl.toMillis()))
        .map(reply -> reply.toLong() == 1)
        .defaultIfEmpty(false));
  }

  @Override
  public Completable release() {
    return Completable.defer(() -> commands
        .send(RedisLockScripts.eval(RedisLockScripts.RELEASE, key).arg(token))
        .ignoreElement());
  }
}
