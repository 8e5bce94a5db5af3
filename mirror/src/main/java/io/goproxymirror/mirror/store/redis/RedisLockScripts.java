package io.goproxymirror.mirror.store.redis;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * The Lua scripts of {@link RedisArtifactLocks} and {@link RedisLease}. Each touches one lock key,
 * so it runs on the lock's node in a cluster, and compares the holder's token before it changes
 * anything: a lease can only extend or delete a lock that still holds its own token.
 */
final class RedisLockScripts {

  /**
   * KEYS: lock. ARGV: token, ttl in ms. 1 when the lock is (now) ours, 0 when another holds it. A
   * resend of the same attempt (after a lost connection) finds its own token and wins again.
   */
  static final String ACQUIRE = """
      if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
        return 1
      end
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
      end
      return 0
      """;

  /** KEYS: lock. Nil when free, else the holder's token and the lock's PTTL. */
  static final String LOOK = """
      local holder = redis.call('GET', KEYS[1])
      if not holder then
        return false
      end
      return {holder, redis.call('PTTL', KEYS[1])}
      """;

  /** KEYS: lock. ARGV: token, ttl in ms. 1 when extended, 0 when the lock is not ours. */
  static final String RENEW = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.call('PEXPIRE', KEYS[1], ARGV[2])
      end
      return 0
      """;

  /** KEYS: lock. ARGV: token. 1 when deleted, 0 when the lock is not ours. */
  static final String RELEASE = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.call('DEL', KEYS[1])
      end
      return 0
      """;

  private RedisLockScripts() {}

  /** {@code EVAL script 1 lockKey}; the caller adds the arguments. */
  static Request eval(String script, String lockKey) {
    return Request.cmd(Command.EVAL).arg(script).arg(1).arg(lockKey);
  }
}
