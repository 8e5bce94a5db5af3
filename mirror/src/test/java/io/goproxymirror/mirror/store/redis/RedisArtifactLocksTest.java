package io.goproxymirror.mirror.store.redis;

import static io.goproxymirror.mirror.store.redis.LockReplicas.ZIP;
import static io.goproxymirror.mirror.store.redis.LockReplicas.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.flight.ArtifactLease;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RespClient;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("RedisArtifactLocks: one holder at a time across replicas")
@Timeout(60)
class RedisArtifactLocksTest {
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
  @DisplayName("lets 20 concurrent acquirers on two replicas hold one artifact's lock one at a time, and every one gets it")
  void mutualExclusion() {
    RedisArtifactLocks first = replicas.first(LockReplicas.options());
    RedisArtifactLocks second = replicas.second(LockReplicas.options());
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    AtomicInteger granted = new AtomicInteger();
    List<Completable> acquirers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      acquirers.add((i % 2 == 0 ? first : second).acquire(ZIP).flatMapCompletable(lease -> {
        mostAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
        granted.incrementAndGet();
        return Completable.timer(20, TimeUnit.MILLISECONDS)
            .andThen(Completable.fromAction(holding::decrementAndGet))
            .andThen(lease.release());
      }));
    }

    Completable.merge(acquirers).blockingAwait(50, TimeUnit.SECONDS);

    assertThat(granted).hasValue(20);
    assertThat(mostAtOnce).hasValue(1);
    assertThat(replicas.holder(ZIP)).isNull();
  }

  @Test
  @DisplayName("grants tryAcquire to one replica and answers empty to the other until it is released")
  void tryAcquire() {
    RedisArtifactLocks first = replicas.first(LockReplicas.options());
    RedisArtifactLocks second = replicas.second(LockReplicas.options());

    ArtifactLease lease = first.tryAcquire(ZIP).blockingGet();
    assertThat(lease).isNotNull();
    assertThat(lease.key()).isEqualTo(ZIP);
    assertThat(lease.held()).isTrue();
    second.tryAcquire(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
    first.tryAcquire(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();

    lease.release().blockingAwait();
    assertThat(lease.held()).isFalse();
    assertThat(replicas.holder(ZIP)).isNull();
    ArtifactLease next = second.tryAcquire(ZIP).blockingGet();
    assertThat(next).isNotNull();
    lease.release().blockingAwait(); // a second release does nothing
    assertThat(replicas.holder(ZIP)).isNotNull();
    next.release().blockingAwait();
  }

  @Test
  @DisplayName("never lets a stale lease delete the lock of a newer holder, and ends the stale lease at its next renewal")
  void releaseByHolderOnly() {
    RedisArtifactLocks first = replicas.first(LockReplicas.options().withTtl(Duration.ofMillis(300)));
    RedisArtifactLocks second = replicas.second(LockReplicas.options());
    ArtifactLease stale = first.tryAcquire(ZIP).blockingGet();
    RespClient.call(redis.port(), "DEL", replicas.lockKey(ZIP)); // as if it had expired
    ArtifactLease newer = second.tryAcquire(ZIP).blockingGet();
    assertThat(newer).isNotNull();
    Object token = replicas.holder(ZIP);

    eventually("the stale lease notices it lost the lock", () -> !stale.held());
    stale.release().blockingAwait();

    assertThat(replicas.holder(ZIP)).isEqualTo(token);
    assertThat(newer.held()).isTrue();
    first.tryAcquire(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
    newer.release().blockingAwait();
    assertThat(replicas.holder(ZIP)).isNull();
  }

  @Test
  @DisplayName("renews a held lock, so a holder keeps it well past the TTL")
  void renewal() {
    // TTL and pauses leave room for a loaded machine: renewals every 500 ms may each be 1 s late
    RedisArtifactLocks first = replicas.first(LockReplicas.options().withTtl(Duration.ofMillis(1500)));
    RedisArtifactLocks second = replicas.second(LockReplicas.options());
    ArtifactLease lease = first.tryAcquire(ZIP).blockingGet();
    Object token = replicas.holder(ZIP);

    LockReplicas.sleep(3500); // more than two TTLs

    assertThat(lease.held()).isTrue();
    assertThat(replicas.holder(ZIP)).isEqualTo(token);
    assertThat((Long) RespClient.call(redis.port(), "PTTL", replicas.lockKey(ZIP))).isBetween(1L, 1500L);
    second.tryAcquire(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
    lease.release().blockingAwait();
  }

  @Test
  @DisplayName("hands the lock of a replica that dies (its Vert.x closed, nothing released) to a waiter once the TTL runs out")
  void deadHolderIsTakenOver() {
    Vertx doomed = Vertx.vertx();
    RedisArtifactLocks dying = replicas.on(doomed, LockReplicas.options().withTtl(Duration.ofMillis(1500)));
    RedisArtifactLocks second = replicas.second(LockReplicas.options());
    ArtifactLease old = dying.tryAcquire(ZIP).blockingGet();
    Object oldToken = replicas.holder(ZIP);
    TestObserver<ArtifactLease> waiter = second.acquire(ZIP).test();

    LockReplicas.sleep(2000); // more than a TTL: the live holder renews, the waiter keeps waiting
    assertThat(waiter.values()).isEmpty();
    assertThat(old.held()).isTrue();

    doomed.close().await();
    waiter.awaitDone(10, TimeUnit.SECONDS).assertNoErrors().assertValueCount(1);
    assertThat(replicas.holder(ZIP)).isNotNull().isNotEqualTo(oldToken);
    waiter.values().get(0).release().blockingAwait();
  }

  @Test
  @DisplayName("hands the lock of a holder that stops renewing without releasing to a waiter once the TTL runs out")
  void abandonedLockIsTakenOver() {
    RedisArtifactLocks first = replicas.first(LockReplicas.options().withTtl(Duration.ofMillis(300)));
    RedisArtifactLocks second = replicas.second(LockReplicas.options());
    RedisLease old = (RedisLease) first.tryAcquire(ZIP).blockingGet();
    old.abandon();

    ArtifactLease taken = second.acquire(ZIP).blockingGet();

    assertThat(taken.held()).isTrue();
    old.release().blockingAwait(); // the stale release leaves the new holder alone
    assertThat(replicas.holder(ZIP)).isNotNull();
    taken.release().blockingAwait();
  }

  @Test
  @DisplayName("with the default options, hands the lock of a holder that stops renewing to a waiter within a TTL (5 s) and a margin")
  void defaultTtlTakeover() {
    RedisArtifactLocks first = replicas.first(RedisLockOptions.defaults());
    RedisArtifactLocks second = replicas.second(RedisLockOptions.defaults());
    RedisLease old = (RedisLease) first.tryAcquire(ZIP).blockingGet();
    old.abandon(); // as a process that died: the lock stays until its TTL runs out
    long abandoned = System.nanoTime();

    ArtifactLease taken = second.acquire(ZIP).blockingGet();

    // the TTL and a generous margin for a loaded machine, well below the 15 s TTL this used to be
    assertThat(Duration.ofNanos(System.nanoTime() - abandoned)).isLessThan(Duration.ofSeconds(10));
    assertThat(taken.held()).isTrue();
    taken.release().blockingAwait();
  }

  @Test
  @DisplayName("stops renewing after the maximum hold time, so a holder that never releases loses the lock")
  void maxHold() {
    RedisArtifactLocks first = replicas.first(
        LockReplicas.options().withTtl(Duration.ofMillis(150)).withMaxHold(Duration.ofMillis(300)));
    ArtifactLease lease = first.tryAcquire(ZIP).blockingGet();

    eventually("the lease ends", () -> !lease.held());
    eventually("the lock expires", () -> replicas.holder(ZIP) == null);
  }

  @Test
  @DisplayName("releases the leases it still holds when closed, and refuses calls afterwards")
  void closeReleases() {
    RedisArtifactLocks first = replicas.first(LockReplicas.options().withTtl(Duration.ofSeconds(30)));
    ArtifactLease lease = first.tryAcquire(ZIP).blockingGet();

    first.close().blockingAwait(10, TimeUnit.SECONDS);

    assertThat(lease.held()).isFalse();
    assertThat(replicas.holder(ZIP)).isNull();
    first.tryAcquire(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertError(IllegalStateException.class);
  }

  @Test
  @DisplayName("releases a lock granted after its caller went away instead of leaving it until the TTL")
  void grantedToNobody() {
    RedisArtifactLocks first = replicas.first(LockReplicas.options().withTtl(Duration.ofSeconds(30)));

    long scripts = scriptsRun();

    first.tryAcquire(ZIP).test(true); // disposed before Redis answers

    eventually("the lock is taken, then released", () -> scriptsRun() == scripts + 2);
    assertThat(replicas.holder(ZIP)).isNull();
    assertThat(first.tryAcquire(ZIP).blockingGet()).isNotNull();
  }

  /** How many EVAL commands the server has run. */
  private static long scriptsRun() {
    String info = (String) RespClient.call(redis.port(), "INFO", "commandstats");
    int at = info.indexOf("cmdstat_eval:calls=");
    if (at < 0) {
      return 0;
    }
    int from = at + "cmdstat_eval:calls=".length();
    return Long.parseLong(info.substring(from, info.indexOf(',', from)));
  }
}
