package io.goproxymirror.mirror.testkit;

import io.goproxymirror.mirror.store.redis.RedisMetadataStore;
import io.goproxymirror.mirror.store.redis.RedisStoreOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Redis set-up Redis tests share: a {@link RedisServer} in its own temporary directory, a
 * Vert.x for clients, stores with a random key prefix, and closing all of it. Registered with
 * {@code @RegisterExtension}: on a static field one server serves the whole class, on an instance
 * field each test gets a fresh server (for tests that stop or restart it). Stores opened with
 * {@link #store} are closed after each test.
 *
 * <pre>{@code
 * @RegisterExtension static final RedisFixture redis = new RedisFixture();
 * ...
 * RedisMetadataStore store = redis.store();
 * }</pre>
 */
public final class RedisFixture
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final String[] serverArgs;
  private final List<RedisMetadataStore> stores = new ArrayList<>();
  private boolean perClass;
  private Path dir;
  private RedisServer server;
  private Vertx vertx;

  /** @param serverArgs more {@code redis-server} arguments, such as {@code --requirepass pw} */
  public RedisFixture(String... serverArgs) {
    this.serverArgs = serverArgs.clone();
  }

  /** A key prefix no other test uses. */
  public static String randomPrefix() {
    return "test-" + UUID.randomUUID() + ":";
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    closeStores();
    if (!perClass) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  public RedisServer server() {
    return server;
  }

  public String url() {
    return server.url();
  }

  public int port() {
    return server.port();
  }

  /** A Vert.x for clients, closed with the server. */
  public synchronized Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx();
    }
    return vertx;
  }

  /** Options for this server with a fresh random key prefix. */
  public RedisStoreOptions options() {
    return options(randomPrefix());
  }

  public RedisStoreOptions options(String keyPrefix) {
    return RedisStoreOptions.standalone(url()).withKeyPrefix(keyPrefix);
  }

  /** A store on {@link #vertx()} with a fresh random key prefix, closed after the test. */
  public RedisMetadataStore store() {
    return store(randomPrefix());
  }

  /** A store on {@link #vertx()} with {@code keyPrefix}, closed after the test. */
  public synchronized RedisMetadataStore store(String keyPrefix) {
    RedisMetadataStore store = RedisMetadataStore.create(vertx(), options(keyPrefix));
    stores.add(store);
    return store;
  }

  private void start() {
    try {
      dir = Files.createTempDirectory("redis-fixture-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = RedisServer.start(dir, serverArgs);
  }

  private synchronized void closeStores() {
    stores.forEach(store -> store.close().onErrorComplete().blockingAwait(10, TimeUnit.SECONDS));
    stores.clear();
  }

  private synchronized void stop() {
    closeStores();
    if (vertx != null) {
      vertx.close().await();
      vertx = null;
    }
    if (server != null) {
      server.close();
      server = null;
    }
    if (dir != null) {
      deleteTree(dir);
      dir = null;
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
