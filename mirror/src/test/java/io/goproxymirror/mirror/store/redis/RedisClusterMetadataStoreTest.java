package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.MetadataStore;
import io.goproxymirror.mirror.store.MetadataStoreContract;
import io.goproxymirror.mirror.testkit.RedisClusterNodes;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RespClient;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Scheduler;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("RedisMetadataStore (cluster of 3)")
class RedisClusterMetadataStoreTest extends MetadataStoreContract {
  @TempDir static Path serverDir;
  private static RedisClusterNodes cluster;
  private static Vertx vertx;
  private String prefix;

  @BeforeAll
  static void startCluster() {
    cluster = RedisClusterNodes.start(serverDir, 3);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopCluster() {
    vertx.close().await();
    cluster.close();
  }

  @Override
  protected MetadataStore openStore(Path dataDir, Scheduler io) {
    prefix = RedisFixture.randomPrefix();
    return RedisMetadataStore.create(vertx, RedisStoreOptions.cluster(cluster.urls()).withKeyPrefix(prefix));
  }

  @Test
  @DisplayName("spreads modules over the nodes while each module's keys share one slot")
  void modulesSpread() {
    List<String> modules = IntStream.range(0, 30).mapToObj(i -> "example.com/m" + i).toList();
    Completable.merge(modules.stream()
            .map(m -> store.putArtifact(record(m, "v1.0.0", ArtifactKind.MOD, "s", null))
                .andThen(store.putAnswer(m, "list", answer(200, "v1.0.0\n"))))
            .toList())
        .blockingAwait();

    RedisKeys keys = ((RedisMetadataStore) store).keys();
    Set<Long> slots = new HashSet<>();
    for (String m : modules) {
      int port = cluster.nodes().get(0).port();
      long slot = (Long) RespClient.call(port, "CLUSTER", "KEYSLOT", keys.versions(m));
      assertThat(RespClient.call(port, "CLUSTER", "KEYSLOT", keys.artifacts(m))).isEqualTo(slot);
      assertThat(RespClient.call(port, "CLUSTER", "KEYSLOT", keys.answer(m, "list"))).isEqualTo(slot);
      slots.add(slot);
      assertThat(store.versions(m).blockingGet()).containsExactly("v1.0.0");
    }
    long nodesWithKeys = cluster.nodes().stream()
        .filter(node -> !((List<?>) RespClient.call(node.port(), "KEYS", prefix + "*")).isEmpty())
        .count();
    assertThat(slots).hasSizeGreaterThan(20);
    assertThat(nodesWithKeys).isEqualTo(3);
  }
}
