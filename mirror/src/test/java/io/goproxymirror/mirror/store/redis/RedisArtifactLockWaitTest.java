package io.goproxymirror.mirror.store.redis;

import static io.goproxymirror.mirror.store.redis.LockReplicas.ZIP;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.errors.OverloadedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.flight.ArtifactLease;
import io.goproxymirror.mirror.flight.ArtifactLockKey;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RespClient;
import io.reactivex.rxjava3.observers.TestObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("RedisArtifactLocks: waiting for another replica")
@Timeout(60)
class RedisArtifactLockWaitTest {
  /** Far longer than any bound below: a waiter done before it was woken by the release. */
  private static final RedisLockOptions LONG_TTL = LockReplicas.options().withTtl(Duration.ofSeconds(60));

  @RegisterExtension static final RedisFixture redis = new RedisFixture();
  private LockReplicas replicas;

  @BeforeEach
  void replicas() {
    replicas = new LockReplicas(redis.server());
  }

  @AfterEach
  void close() {
    replicas.close();
  }

  @Test
  @DisplayName("completes awaitRelease at once when nobody holds the lock, without taking it")
  void freeLock() {
    RedisArtifactLocks second = replicas.second(LockReplicas.options());

    second.awaitRelease(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertComplete();

    assertThat(replicas.holder(ZIP)).isNull();
  }

  @Test
  @DisplayName("wakes waiters of the other replica soon after the holder releases, long before the TTL")
  void wakesOnRelease() {
    ArtifactLease lease = replicas.first(LONG_TTL).tryAcquire(ZIP).blockingGet();
    RedisArtifactLocks second = replicas.second(LONG_TTL);
    TestObserver<Void> waiter = second.awaitRelease(ZIP).test();
    TestObserver<ArtifactLease> acquirer = second.acquire(ZIP).test();
    LockReplicas.sleep(300);
    waiter.assertNotComplete();
    acquirer.assertEmpty();

    lease.release().blockingAwait();

    waiter.awaitDone(10, TimeUnit.SECONDS).assertComplete();
    acquirer.awaitDone(10, TimeUnit.SECONDS).assertValueCount(1);
    assertThat(acquirer.values().get(0).held()).isTrue();
    acquirer.values().get(0).release().blockingAwait();
  }

  @Test
  @DisplayName("wakes a waiter when a lock it did not write is deleted (a holder running other code)")
  void wakesOnDelete() {
    RespClient.call(redis.port(), "SET", replicas.lockKey(ZIP), "someone", "PX", "60000");
    TestObserver<Void> waiter = replicas.second(LockReplicas.options()).awaitRelease(ZIP).test();
    LockReplicas.sleep(100);
    waiter.assertNotComplete();

    RespClient.call(redis.port(), "DEL", replicas.lockKey(ZIP));

    waiter.awaitDone(10, TimeUnit.SECONDS).assertComplete();
  }

  @Test
  @DisplayName("fails a waiter with UpstreamTimeoutException at the wait deadline, leaving the holder's lock alone")
  void waitDeadline() {
    ArtifactLease lease = replicas.first(LONG_TTL).tryAcquire(ZIP).blockingGet();
    RedisArtifactLocks second = replicas.second(LONG_TTL.withWaitTimeout(Duration.ofMillis(300)));

    second.awaitRelease(ZIP).test().awaitDone(10, TimeUnit.SECONDS)
        .assertError(e -> e instanceof UpstreamTimeoutException
            && e.getMessage().equals("another replica is still fetching example.com/m@v1.0.0.zip after 300ms"));
    second.acquire(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertError(UpstreamTimeoutException.class);

    assertThat(lease.held()).isTrue();
    assertThat(replicas.holder(ZIP)).isNotNull();
    lease.release().blockingAwait();
  }

  @Test
  @DisplayName("refuses a waiter beyond the maximum with OverloadedException at once, and frees the place when a waiter ends or gives up")
  void maxWaiters() {
    ArtifactLease lease = replicas.first(LONG_TTL).tryAcquire(ZIP).blockingGet();
    RedisArtifactLocks second = replicas.second(LONG_TTL.withMaxWaiters(2));
    TestObserver<Void> one = second.awaitRelease(ZIP).test();
    TestObserver<Void> two = second.awaitRelease(ZIP).test();

    second.awaitRelease(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertError(OverloadedException.class);
    second.acquire(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertError(OverloadedException.class);

    one.dispose();
    TestObserver<ArtifactLease> three = second.acquire(ZIP).test();
    LockReplicas.sleep(100);
    three.assertNoErrors();
    lease.release().blockingAwait();
    two.awaitDone(10, TimeUnit.SECONDS).assertComplete();
    three.awaitDone(10, TimeUnit.SECONDS).assertValueCount(1);
    three.values().get(0).release().blockingAwait();
    second.awaitRelease(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertComplete();
    second.awaitRelease(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertComplete();
  }

  @Test
  @DisplayName("counts only callers that wait: acquire of a free lock succeeds while every waiting place is taken")
  void uncontendedAcquireIsNoWaiter() {
    ArtifactLease held = replicas.first(LONG_TTL).tryAcquire(ZIP).blockingGet();
    RedisArtifactLocks second = replicas.second(LONG_TTL.withMaxWaiters(1));
    TestObserver<Void> waiter = second.awaitRelease(ZIP).test();
    ArtifactLockKey other = new ArtifactLockKey("example.com/m", "v1.0.0", ArtifactKind.MOD);

    ArtifactLease lease = second.acquire(other).blockingGet();

    assertThat(lease.held()).isTrue();
    waiter.assertNoErrors();
    lease.release().blockingAwait();
    held.release().blockingAwait();
    waiter.awaitDone(10, TimeUnit.SECONDS).assertComplete();
  }
}
