package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.flight.ArtifactLockKey;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RedisServer;
import io.goproxymirror.mirror.testkit.RespClient;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Two mirror "replicas" for lock tests: one Redis, two Vert.x instances, lock instances made on
 * either with one key prefix per test. {@link #close()} closes what it made.
 */
final class LockReplicas implements AutoCloseable {
  /** The artifact most tests lock. */
  static final ArtifactLockKey ZIP = new ArtifactLockKey("example.com/m", "v1.0.0", ArtifactKind.ZIP);

  private final RedisServer server;
  private final Vertx first = Vertx.vertx();
  private final Vertx second = Vertx.vertx();
  private final String prefix = RedisFixture.randomPrefix();
  private final List<RedisArtifactLocks> made = new ArrayList<>();

  LockReplicas(RedisServer server) {
    this.server = server;
  }

  /** Options suited to tests: TTL 2 s, waits of 30 s, polls every 5 to 50 ms. */
  static RedisLockOptions options() {
    return RedisLockOptions.defaults().withTtl(Duration.ofSeconds(2)).withWaitTimeout(Duration.ofSeconds(30))
        .withPoll(Duration.ofMillis(5), Duration.ofMillis(50));
  }

  /** Locks on the first replica's Vert.x. */
  RedisArtifactLocks first(RedisLockOptions options) {
    return on(first, options);
  }

  /** Locks on the second replica's Vert.x. */
  RedisArtifactLocks second(RedisLockOptions options) {
    return on(second, options);
  }

  /** Locks on {@code vertx} with this test's prefix. */
  RedisArtifactLocks on(Vertx vertx, RedisLockOptions options) {
    return on(vertx, RedisStoreOptions.standalone(server.url()).withKeyPrefix(prefix), options);
  }

  /** Locks on the first replica's Vert.x with another key prefix. */
  RedisArtifactLocks withPrefix(String keyPrefix, RedisLockOptions options) {
    return on(first, RedisStoreOptions.standalone(server.url()).withKeyPrefix(keyPrefix), options);
  }

  private RedisArtifactLocks on(Vertx vertx, RedisStoreOptions store, RedisLockOptions options) {
    RedisArtifactLocks locks = RedisArtifactLocks.create(vertx, store, options);
    made.add(locks);
    return locks;
  }

  String prefix() {
    return prefix;
  }

  /** The Redis key of {@code key}'s lock, as {@link RedisKeys} names it. */
  String lockKey(ArtifactLockKey key) {
    return new RedisKeys(prefix).lock(key.module(), key.version(), key.kind());
  }

  /** The token in {@code key}'s lock, read without the client under test; null when unlocked. */
  Object holder(ArtifactLockKey key) {
    return RespClient.call(server.port(), "GET", lockKey(key));
  }

  /** Waits up to 10 s (a generous bound, not a measurement) until {@code condition} holds. */
  static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
      sleep(10);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (RedisArtifactLocks locks : made) {
      locks.close().onErrorComplete().blockingAwait(10, TimeUnit.SECONDS);
    }
    first.close().await();
    second.close().await();
  }
}
