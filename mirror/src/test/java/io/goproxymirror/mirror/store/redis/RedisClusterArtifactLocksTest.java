package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.flight.ArtifactLease;
import io.goproxymirror.mirror.flight.ArtifactLockKey;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.testkit.RedisClusterNodes;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RespClient;
import io.reactivex.rxjava3.observers.TestObserver;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("RedisArtifactLocks (cluster of 3)")
@Timeout(60)
class RedisClusterArtifactLocksTest {
  @TempDir static Path serverDir;
  private static RedisClusterNodes cluster;
  private static Vertx first;
  private static Vertx second;

  @BeforeAll
  static void startCluster() {
    cluster = RedisClusterNodes.start(serverDir, 3);
    first = Vertx.vertx();
    second = Vertx.vertx();
  }

  @AfterAll
  static void stopCluster() {
    first.close().await();
    second.close().await();
    cluster.close();
  }

  @Test
  @DisplayName("locks artifacts of modules on every node, each lock in its module's slot, one holder at a time across replicas")
  void locksOnEveryNode() {
    RedisStoreOptions store = RedisStoreOptions.cluster(cluster.urls()).withKeyPrefix(RedisFixture.randomPrefix());
    RedisArtifactLocks one = RedisArtifactLocks.create(first, store, LockReplicas.options());
    RedisArtifactLocks two = RedisArtifactLocks.create(second, store, LockReplicas.options());
    RedisKeys keys = new RedisKeys(store.keyPrefix());
    int port = cluster.nodes().get(0).port();
    try {
      List<ArtifactLockKey> artifacts = IntStream.range(0, 20)
          .mapToObj(i -> new ArtifactLockKey("example.com/m" + i, "v1.0.0", ArtifactKind.MOD)).toList();
      Set<Long> slots = new HashSet<>();
      for (ArtifactLockKey key : artifacts) {
        ArtifactLease lease = one.tryAcquire(key).blockingGet();
        assertThat(lease).as(key.toString()).isNotNull();
        two.tryAcquire(key).test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
        TestObserver<ArtifactLease> waiter = two.acquire(key).test();
        lease.release().blockingAwait();
        waiter.awaitDone(10, TimeUnit.SECONDS).assertValueCount(1);
        waiter.values().get(0).release().blockingAwait();

        long slot = (Long) RespClient.call(port, "CLUSTER", "KEYSLOT", keys.lock(key.module(), key.version(), key.kind()));
        assertThat(RespClient.call(port, "CLUSTER", "KEYSLOT", keys.versions(key.module()))).isEqualTo(slot);
        slots.add(slot);
      }
      assertThat(slots).hasSizeGreaterThan(10);
    } finally {
      one.close().blockingAwait(10, TimeUnit.SECONDS);
      two.close().blockingAwait(10, TimeUnit.SECONDS);
    }
  }
}
