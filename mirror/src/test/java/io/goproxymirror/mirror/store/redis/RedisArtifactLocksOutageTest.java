package io.goproxymirror.mirror.store.redis;

import static io.goproxymirror.mirror.store.redis.LockReplicas.ZIP;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.flight.ArtifactLease;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.reactivex.rxjava3.observers.TestObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("RedisArtifactLocks when Redis is down")
@Timeout(60)
class RedisArtifactLocksOutageTest {
  private static final List<String> GONE = List.of(
      "metadata store unavailable: cannot connect to Redis",
      "metadata store unavailable: lost the connection to Redis");

  @RegisterExtension final RedisFixture redis = new RedisFixture();
  private RedisArtifactLocks locks;

  @BeforeEach
  void start() {
    RedisStoreOptions store = redis.options();
    // The first command in a JVM loads the client's classes and may take longer than 300 ms.
    RedisArtifactLocks warmUp = RedisArtifactLocks.create(redis.vertx(), store, LockReplicas.options());
    warmUp.tryAcquire(ZIP).flatMapCompletable(ArtifactLease::release).andThen(warmUp.close())
        .blockingAwait(30, TimeUnit.SECONDS);
    locks = RedisArtifactLocks.create(redis.vertx(), store.withCommandTimeout(Duration.ofMillis(300)),
        LockReplicas.options().withTtl(Duration.ofMillis(600)));
  }

  @AfterEach
  void stop() {
    locks.close().onErrorComplete().blockingAwait(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("fails tryAcquire, acquire and awaitRelease fast with MetadataUnavailableException when Redis is gone, and works again once it is back")
  void stoppedServer() {
    locks.tryAcquire(ZIP).flatMapCompletable(ArtifactLease::release).blockingAwait(); // pooled connections exist
    redis.server().stop();

    long started = System.nanoTime();
    locks.tryAcquire(ZIP).test().awaitDone(10, TimeUnit.SECONDS)
        .assertError(e -> e instanceof MetadataUnavailableException && GONE.contains(e.getMessage()));
    locks.acquire(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertError(MetadataUnavailableException.class);
    locks.awaitRelease(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertError(MetadataUnavailableException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

    redis.server().restart();
    ArtifactLease lease = locks.acquire(ZIP).blockingGet();
    assertThat(lease.held()).isTrue();
    lease.release().blockingAwait();
  }

  @Test
  @DisplayName("fails a caller already waiting with MetadataUnavailableException when Redis goes away, instead of waiting on")
  void waiterMeetsOutage() {
    ArtifactLease holder = locks.tryAcquire(ZIP).blockingGet();
    TestObserver<Void> waiter = locks.awaitRelease(ZIP).test();
    TestObserver<ArtifactLease> acquirer = locks.acquire(ZIP).test();

    redis.server().stop();

    waiter.awaitDone(10, TimeUnit.SECONDS).assertError(MetadataUnavailableException.class);
    acquirer.awaitDone(10, TimeUnit.SECONDS).assertError(MetadataUnavailableException.class);
    holder.release().test().awaitDone(10, TimeUnit.SECONDS).assertComplete(); // never fails
  }

  @Test
  @DisplayName("fails after the command timeout with MetadataUnavailableException when Redis hangs, and recovers when it answers again")
  void frozenServer() {
    locks.tryAcquire(ZIP).flatMapCompletable(ArtifactLease::release).blockingAwait();
    redis.server().pause();
    try {
      locks.tryAcquire(ZIP).test().awaitDone(10, TimeUnit.SECONDS)
          .assertError(e -> e instanceof MetadataUnavailableException
              && e.getMessage().equals("metadata store unavailable: Redis did not answer within 300ms"));
      locks.awaitRelease(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertError(MetadataUnavailableException.class);
    } finally {
      redis.server().resume();
    }
    ArtifactLease lease = locks.acquire(ZIP).blockingGet();
    assertThat(lease.held()).isTrue();
    lease.release().blockingAwait();
  }

  @Test
  @DisplayName("ends a lease whose lock did not survive a Redis restart, and lets a new holder in")
  void leaseLostWithRestart() {
    ArtifactLease lease = locks.tryAcquire(ZIP).blockingGet();

    redis.server().restart(); // comes back empty

    LockReplicas.eventually("the lease notices", () -> !lease.held());
    ArtifactLease next = locks.tryAcquire(ZIP).blockingGet();
    assertThat(next).isNotNull();
    lease.release().blockingAwait(); // a stale release leaves the new lock alone
    locks.tryAcquire(ZIP).test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
    next.release().blockingAwait();
  }
}
