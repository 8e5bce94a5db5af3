package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RespClient;
import io.goproxymirror.sync.leadership.LeaderElection;
import io.goproxymirror.sync.port.SyncStateStore;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("RedisLeaderLock: exactly one sync worker leads, a standby takes over")
@Timeout(60)
class RedisLeaderLockTest {
  private static final Duration TTL = Duration.ofMillis(900);

  @RegisterExtension static final RedisFixture redis = new RedisFixture();
  private final String prefix = RedisFixture.randomPrefix();
  private final List<RedisMetadataStore> stores = new ArrayList<>();
  private final List<ExecutorService> timers = new ArrayList<>();

  @AfterEach
  void close() {
    timers.forEach(ExecutorService::shutdownNow);
    stores.forEach(store -> store.close().onErrorComplete().blockingAwait(10, TimeUnit.SECONDS));
  }

  /** One worker: its own store client and its own timer thread, which a test can kill. */
  private final class Worker {
    final AtomicInteger elected = new AtomicInteger();
    final AtomicInteger demoted = new AtomicInteger();
    final ExecutorService thread = Executors.newSingleThreadExecutor();
    final LeaderElection election;

    Worker() {
      RedisMetadataStore store = RedisMetadataStore.create(
          redis.vertx(), redis.options(prefix));
      stores.add(store);
      timers.add(thread);
      Scheduler timer = Schedulers.from(thread);
      election = new LeaderElection(store.leaderLock(TTL), TTL, timer, System::nanoTime,
          elected::incrementAndGet, demoted::incrementAndGet);
    }
  }

  @Test
  @DisplayName("of three workers on one Redis exactly one leads, and it keeps leading over many TTLs")
  void oneLeader() {
    List<Worker> workers = List.of(new Worker(), new Worker(), new Worker());
    workers.forEach(w -> w.election.start());
    LockReplicas.eventually("a leader", () -> leaders(workers) == 1);
    Worker leader = workers.stream().filter(w -> w.election.leading()).findFirst().orElseThrow();

    LockReplicas.sleep(TTL.toMillis() * 4);

    assertThat(leaders(workers)).isEqualTo(1);
    assertThat(leader.election.leading()).isTrue();
    assertThat(leader.elected).hasValue(1);
    assertThat(workers.stream().mapToInt(w -> w.elected.get()).sum()).isEqualTo(1);
    assertThat(RespClient.call(redis.port(), "PTTL", new RedisKeys(prefix).syncLeader()).toString())
        .satisfies(ttl -> assertThat(Long.parseLong(ttl)).isPositive().isLessThanOrEqualTo(TTL.toMillis()));
  }

  @Test
  @DisplayName("when the leader dies without releasing, a standby leads once the lock's TTL has run out")
  void standbyTakesOverFromDeadLeader() {
    Worker first = new Worker();
    first.election.start();
    LockReplicas.eventually("first leads", first.election::leading);
    Worker standby = new Worker();
    standby.election.start();
    LockReplicas.sleep(TTL.toMillis());
    assertThat(standby.election.leading()).isFalse();

    long died = System.nanoTime();
    first.thread.shutdownNow();
    LockReplicas.eventually("standby leads", standby.election::leading);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - died);
    System.out.printf("standby took over %d ms after the leader died (TTL %d ms)%n", tookMs, TTL.toMillis());
    assertThat(standby.elected).hasValue(1);
  }

  @Test
  @DisplayName("a leader that stops releases the lock (no late hold takes it again), and a standby then leads")
  void stopReleases() {
    for (int round = 0; round < 5; round++) {
      Worker first = new Worker();
      first.election.start();
      LockReplicas.eventually("first leads", first.election::leading);

      first.election.stop().blockingAwait(10, TimeUnit.SECONDS);

      assertThat(first.demoted).hasValue(1);
      assertThat(RespClient.call(redis.port(), "GET", new RedisKeys(prefix).syncLeader()))
          .as("round " + round).isNull();
    }
    Worker standby = new Worker();
    standby.election.start();
    LockReplicas.eventually("standby leads", standby.election::leading);
  }

  @Test
  @DisplayName("a leader steps down when Redis stays unreachable for a TTL, and leads again when it is back")
  void stepsDownWhenRedisIsGone() {
    Worker only = new Worker();
    only.election.start();
    LockReplicas.eventually("leads", only.election::leading);

    redis.server().pause();
    try {
      LockReplicas.eventually("stepped down", () -> !only.election.leading());
    } finally {
      redis.server().resume();
    }
    assertThat(only.demoted).hasValue(1);
    LockReplicas.eventually("leads again", only.election::leading);
    assertThat(only.elected).hasValue(2);
  }

  @Test
  @DisplayName("keeps the worker's values across clients: what one store wrote, a new client reads")
  void syncStateRoundTrip() {
    SyncStateStore first = newStore().syncState();
    first.put("index-cursor", "{\"t\":\"2026-11-21T10:00:00Z\"}").blockingAwait(10, TimeUnit.SECONDS);
    first.put("index-cursor", "{\"t\":\"2026-11-21T11:00:00Z\"}").blockingAwait(10, TimeUnit.SECONDS);

    SyncStateStore second = newStore().syncState();
    assertThat(second.get("index-cursor").blockingGet()).isEqualTo("{\"t\":\"2026-11-21T11:00:00Z\"}");
    assertThat(second.get("other").blockingGet()).isNull();
  }

  private RedisMetadataStore newStore() {
    RedisMetadataStore store =
        RedisMetadataStore.create(redis.vertx(), redis.options(prefix));
    stores.add(store);
    return store;
  }

  private static long leaders(List<Worker> workers) {
    return workers.stream().filter(w -> w.election.leading()).count();
  }
}
