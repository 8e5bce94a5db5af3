package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.store.CachedAnswer;
import io.goproxymirror.mirror.testkit.LoopbackPorts;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RedisServer;
import io.goproxymirror.mirror.testkit.TestCa;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against a real TLS listener. The JVM trust store cannot be swapped per test,
 * so the test adds its CA to the client options {@link RedisClientFactory} made; everything else,
 * host name verification included, is what the mirror uses.
 */
@DisplayName("RedisMetadataStore over TLS")
class RedisTlsTest {
  private static final CachedAnswer LIST =
      new CachedAnswer(200, "v1.0.0\n".getBytes(StandardCharsets.UTF_8), Instant.parse("2026-01-01T00:00:00Z"));

  @TempDir static Path dir;
  private static TestCa ca;
  private static TestCa.Pair pair;
  private static RedisServer server;
  private static int tlsPort;
  private static Vertx vertx;

  @BeforeAll
  static void startRedis() {
    ca = TestCa.create(dir.resolve("certs"));
    pair = ca.issue("redis", 1, TestCa.KeyFormat.EC_PKCS8, "DNS:localhost");
    tlsPort = LoopbackPorts.free();
    server = RedisServer.start(dir, "--tls-port", Integer.toString(tlsPort),
        "--tls-cert-file", pair.cert().toString(),
        "--tls-key-file", pair.key().toString(),
        "--tls-ca-cert-file", ca.certificate().toString(),
        "--tls-auth-clients", "no");
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopRedis() {
    vertx.close().await();
    server.close();
  }

  @Test
  @DisplayName("round-trips over rediss:// when the certificate is trusted and names the host")
  void trusted() {
    RedisMetadataStore store = store("rediss://localhost:" + tlsPort, true);
    try {
      store.putAnswer("example.com/m", "list", LIST).blockingAwait();
      assertThat(store.answer("example.com/m", "list").blockingGet()).isEqualTo(LIST);
    } finally {
      store.close().blockingAwait();
    }
  }

  @Test
  @DisplayName("refuses a trusted certificate that does not name the host it was reached by")
  void wrongHost() {
    assertUnavailable(store("rediss://127.0.0.1:" + tlsPort, true));
  }

  @Test
  @DisplayName("refuses a certificate from a CA the client does not trust")
  void untrusted() {
    assertUnavailable(store("rediss://localhost:" + tlsPort, false));
  }

  private static void assertUnavailable(RedisMetadataStore store) {
    try {
      store.putAnswer("example.com/m", "list", LIST).test().awaitDone(10, TimeUnit.SECONDS)
          .assertError(MetadataUnavailableException.class);
    } finally {
      store.close().blockingAwait();
    }
  }

  private static RedisMetadataStore store(String url, boolean trustCa) {
    RedisStoreOptions options = RedisStoreOptions.standalone(url).withKeyPrefix(RedisFixture.randomPrefix());
    RedisOptions redisOptions = RedisClientFactory.redisOptions(options);
    if (trustCa) {
      redisOptions.getNetClientOptions().setTrustOptions(
          new PemTrustOptions().addCertPath(ca.certificate().toString()));
    }
    return RedisMetadataStore.create(Redis.createClient(vertx, redisOptions), options, Schedulers.computation());
  }
}
