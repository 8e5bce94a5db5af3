package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.mirror.store.MetadataStore;
import io.goproxymirror.mirror.store.MetadataStoreContract;
import io.goproxymirror.mirror.testkit.RedisServer;
import io.reactivex.rxjava3.core.Scheduler;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("RedisMetadataStore (standalone)")
class RedisMetadataStoreTest extends MetadataStoreContract {
  @TempDir static Path serverDir;
  private static RedisServer server;
  private static Vertx vertx;

  @BeforeAll
  static void startRedis() {
    server = RedisServer.start(serverDir);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopRedis() {
    vertx.close().await();
    server.close();
  }

  @Override
  protected MetadataStore openStore(Path dataDir, Scheduler io) {
    return RedisMetadataStore.create(
        vertx, RedisStoreOptions.standalone(server.url()).withKeyPrefix(randomPrefix()));
  }

  /** A key prefix no other test uses. */
  static String randomPrefix() {
    return "test-" + UUID.randomUUID() + ":";
  }
}
