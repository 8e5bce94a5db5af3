package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RedisServer;
import io.goproxymirror.mirror.testkit.RespClient;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("RedisMetadataStore across a sentinel failover")
@Timeout(90)
class RedisSentinelFailoverTest {
  private static final String MASTER_NAME = "mirror-main";

  @TempDir Path dir;
  private RedisServer master;
  private RedisServer replica;
  private RedisServer sentinel;
  private Vertx vertx;

  @AfterEach
  void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    for (RedisServer server : new RedisServer[] {sentinel, replica, master}) {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  @DisplayName("writes to the promoted replica after the sentinels switch masters")
  void followsFailover() {
    master = RedisServer.start(dir);
    replica = RedisServer.start(dir, "--replicaof", "127.0.0.1", Integer.toString(master.port()));
    sentinel = RedisServer.startSentinel(dir, master, MASTER_NAME);
    vertx = Vertx.vertx();
    String prefix = RedisFixture.randomPrefix();
    RedisMetadataStore store = RedisMetadataStore.create(vertx,
        RedisStoreOptions.sentinel(List.of(sentinel.url()), MASTER_NAME).withKeyPrefix(prefix));
    try {
      store.putArtifact(record("v1.0.0")).blockingAwait();
      await("the sentinel knows the synced replica", () -> String.valueOf(
              RespClient.call(sentinel.port(), "SENTINEL", "REPLICAS", MASTER_NAME)).contains(Integer.toString(replica.port()))
          && String.valueOf(RespClient.call(replica.port(), "INFO", "replication")).contains("master_link_status:up"));

      assertThat(RespClient.call(sentinel.port(), "SENTINEL", "FAILOVER", MASTER_NAME)).isEqualTo("OK");
      await("the replica is the master", () -> String.valueOf(
          RespClient.call(sentinel.port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME))
          .contains(Integer.toString(replica.port())));
      await("a write through the store succeeds", () ->
          store.putArtifact(record("v2.0.0")).blockingAwait(5, TimeUnit.SECONDS));

      assertThat(RespClient.call(replica.port(), "ZRANGE", prefix + "{example.com/m}:versions", "0", "-1"))
          .isEqualTo(List.of("v1.0.0", "v2.0.0"));
      assertThat(store.versions("example.com/m").blockingGet()).containsExactly("v1.0.0", "v2.0.0");
    } finally {
      store.close().blockingAwait(10, TimeUnit.SECONDS);
    }
  }

  private static ArtifactRecord record(String version) {
    return new ArtifactRecord("example.com/m", version, ArtifactKind.MOD, 1, "sha", null, Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("timed out waiting until " + what, last);
  }
}
