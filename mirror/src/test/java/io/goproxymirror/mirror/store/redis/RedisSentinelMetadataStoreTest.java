package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.MetadataStore;
import io.goproxymirror.mirror.store.MetadataStoreContract;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RedisServer;
import io.goproxymirror.mirror.testkit.RespClient;
import io.reactivex.rxjava3.core.Scheduler;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("RedisMetadataStore (through a sentinel)")
class RedisSentinelMetadataStoreTest extends MetadataStoreContract {
  private static final String MASTER_NAME = "mirror-main";
  private static final String PASSWORD = "sentinel-and-master-secret";

  @TempDir static Path serverDir;
  private static RedisServer master;
  private static RedisServer sentinel;
  private static Vertx vertx;
  private String prefix;

  @BeforeAll
  static void startRedis() {
    master = RedisServer.start(serverDir, "--requirepass", PASSWORD);
    sentinel = RedisServer.startSentinel(serverDir, master, MASTER_NAME,
        "sentinel auth-pass " + MASTER_NAME + " " + PASSWORD, "requirepass " + PASSWORD);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopRedis() {
    vertx.close().await();
    sentinel.close();
    master.close();
  }

  @Override
  protected MetadataStore openStore(Path dataDir, Scheduler io) {
    prefix = RedisFixture.randomPrefix();
    return RedisMetadataStore.create(vertx,
        RedisStoreOptions.sentinel(List.of(sentinel.url()), MASTER_NAME).withPassword(PASSWORD).withKeyPrefix(prefix));
  }

  @Test
  @DisplayName("writes to the master the sentinel names, with the same password for both")
  void writesToMaster() {
    store.putArtifact(record("example.com/m", "v1.0.0", ArtifactKind.INFO, "i", null)).blockingAwait();

    assertThat(RespClient.authenticated(master.port(), PASSWORD, "ZRANGE", prefix + "{example.com/m}:versions", "0", "-1"))
        .isEqualTo(List.of("v1.0.0"));
  }
}
