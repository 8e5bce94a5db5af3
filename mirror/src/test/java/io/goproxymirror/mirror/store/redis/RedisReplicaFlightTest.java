package io.goproxymirror.mirror.store.redis;

import static io.goproxymirror.mirror.store.redis.LockReplicas.ZIP;
import static io.goproxymirror.mirror.store.redis.LockReplicas.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.flight.ReplicaFlight;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RespClient;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("ReplicaFlight over Redis locks: the fetch lease lives exactly as long as the fetch")
@Timeout(60)
class RedisReplicaFlightTest {
  /** A short TTL (with room for a loaded machine), so that a fetch of a few seconds outlives several. */
  private static final Duration TTL = Duration.ofMillis(1500);

  @RegisterExtension static final RedisFixture redis = new RedisFixture();
  private LockReplicas replicas;
  private final AtomicReference<String> stored = new AtomicReference<>();
  private final AtomicInteger fetches = new AtomicInteger();

  @BeforeEach
  void replicas() {
    replicas = new LockReplicas(redis.server());
  }

  @AfterEach
  void close() {
    replicas.close();
  }

  @Test
  @DisplayName("keeps the lease through a fetch five TTLs long, so the other replica never starts a second fetch")
  void longFetchKeepsLease() {
    ReplicaFlight first = new ReplicaFlight(replicas.first(LockReplicas.options().withTtl(TTL)), () -> true);
    ReplicaFlight second = new ReplicaFlight(replicas.second(LockReplicas.options().withTtl(TTL)), () -> true);

    TestObserver<String> holder = first.run(ZIP, this::lookup, () -> fetch(TTL.multipliedBy(5)),
        value -> Completable.complete()).test();
    eventually("the first replica holds the lock", () -> replicas.holder(ZIP) != null);
    TestObserver<String> waiter = second.run(ZIP, this::lookup, () -> fetch(Duration.ZERO),
        value -> Completable.complete()).test();

    holder.awaitDone(30, TimeUnit.SECONDS).assertValue("zip");
    waiter.awaitDone(30, TimeUnit.SECONDS).assertValue("zip");
    assertThat(fetches).hasValue(1);
    eventually("the lock is released", () -> replicas.holder(ZIP) == null);
  }

  @Test
  @DisplayName("releases the lease when the fetch is cancelled, instead of renewing it on")
  void cancelReleases() {
    ReplicaFlight flight = new ReplicaFlight(replicas.first(LockReplicas.options().withTtl(TTL)), () -> true);

    TestObserver<String> fetching = flight.run(ZIP, this::lookup, () -> fetch(Duration.ofSeconds(30)),
        value -> Completable.complete()).test();
    eventually("the lock is taken", () -> replicas.holder(ZIP) != null);
    fetching.dispose();

    eventually("the lock is released", () -> replicas.holder(ZIP) == null);
  }

  @Test
  @DisplayName("a holder whose lease was lost mid-fetch still answers, and leaves the new holder's lock alone")
  void lostLease() {
    ReplicaFlight flight = new ReplicaFlight(replicas.first(LockReplicas.options().withTtl(TTL)), () -> true);

    TestObserver<String> fetching = flight.run(ZIP, this::lookup, () -> fetch(TTL.multipliedBy(3)),
        value -> Completable.complete()).test();
    eventually("the lock is taken", () -> replicas.holder(ZIP) != null);
    RespClient.call(redis.port(), "SET", replicas.lockKey(ZIP), "someone-else", "PX", "20000");

    fetching.awaitDone(30, TimeUnit.SECONDS).assertValue("zip");
    assertThat(replicas.holder(ZIP)).isEqualTo("someone-else");
  }

  private Maybe<String> lookup() {
    return Maybe.fromCallable(stored::get);
  }

  private Single<String> fetch(Duration takes) {
    return Single.timer(takes.toMillis(), TimeUnit.MILLISECONDS)
        .doOnSubscribe(d -> fetches.incrementAndGet())
        .map(tick -> {
          stored.set("zip");
          return "zip";
        });
  }
}
