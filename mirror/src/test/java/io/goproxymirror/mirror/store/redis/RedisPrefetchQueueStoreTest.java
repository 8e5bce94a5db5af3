package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.mirror.store.PrefetchQueueStoreContract;
import io.goproxymirror.mirror.testkit.RedisServer;
import io.goproxymirror.sync.PrefetchQueueStore;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the sync worker's queue in Redis")
class RedisPrefetchQueueStoreTest extends PrefetchQueueStoreContract {
  @TempDir static Path serverDir;
  private static RedisServer server;
  private static Vertx vertx;
  private final String prefix = RedisMetadataStoreTest.randomPrefix();
  private final List<RedisMetadataStore> opened = new ArrayList<>();

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

  @AfterEach
  void close() {
    opened.forEach(store -> store.close().blockingAwait());
  }

  @Override
  protected PrefetchQueueStore store() {
    return reopen();
  }

  @Override
  protected PrefetchQueueStore reopen() {
    RedisMetadataStore store =
        RedisMetadataStore.create(vertx, RedisStoreOptions.standalone(server.url()).withKeyPrefix(prefix));
    opened.add(store);
    return store.prefetchQueue();
  }
}
