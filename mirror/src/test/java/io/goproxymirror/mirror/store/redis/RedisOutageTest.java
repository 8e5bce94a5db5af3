package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RespClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("RedisMetadataStore when Redis is down")
@Timeout(60)
class RedisOutageTest {
  private static final ArtifactRecord MOD = new ArtifactRecord(
      "example.com/m", "v1.0.0", ArtifactKind.MOD, 10, "sha", "h1:x=", Instant.parse("2026-01-01T00:00:00Z"));

  @RegisterExtension final RedisFixture redis = new RedisFixture();
  private RedisMetadataStore store;

  @BeforeEach
  void start() {
    RedisStoreOptions options = redis.options();
    // The first command in a JVM loads the client's classes and may take longer than 300 ms.
    RedisMetadataStore warmUp = RedisMetadataStore.create(redis.vertx(), options);
    warmUp.putArtifact(MOD).andThen(warmUp.close()).blockingAwait(30, TimeUnit.SECONDS);
    store = RedisMetadataStore.create(redis.vertx(), options.withCommandTimeout(Duration.ofMillis(300)));
  }

  @AfterEach
  void stop() {
    store.close().blockingAwait(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("fails every call with MetadataUnavailableException after the command timeout when Redis hangs, and recovers when it answers again")
  void frozenServer() {
    store.putArtifact(MOD).blockingAwait(); // connections exist and are warm
    redis.server().pause();
    try {
      long started = System.nanoTime();
      store.versions("example.com/m").test().awaitDone(10, TimeUnit.SECONDS)
          .assertError(e -> e instanceof MetadataUnavailableException
              && e.getMessage().equals("metadata store unavailable: Redis did not answer within 300ms"));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      store.putArtifact(MOD).test().awaitDone(10, TimeUnit.SECONDS)
          .assertError(MetadataUnavailableException.class);
      store.artifact("example.com/m", "v1.0.0", ArtifactKind.MOD).test().awaitDone(10, TimeUnit.SECONDS)
          .assertError(MetadataUnavailableException.class);
      store.ping().test().awaitDone(10, TimeUnit.SECONDS)
          .assertError(e -> e instanceof MetadataUnavailableException m && m.status() == 503);
    } finally {
      redis.server().resume();
    }

    assertThat(store.artifact("example.com/m", "v1.0.0", ArtifactKind.MOD).blockingGet()).isEqualTo(MOD);
  }

  @Test
  @DisplayName("fails fast with MetadataUnavailableException when Redis is gone, and works again once it is back")
  void stoppedServer() {
    store.putArtifact(MOD).blockingAwait();
    redis.server().stop();

    long started = System.nanoTime();
    // the first command may meet the closed pooled connection; it is retried and then refused
    List<String> expected = List.of(
        "metadata store unavailable: cannot connect to Redis",
        "metadata store unavailable: lost the connection to Redis");
    store.versions("example.com/m").test().awaitDone(10, TimeUnit.SECONDS)
        .assertError(e -> e instanceof MetadataUnavailableException && expected.contains(e.getMessage()));
    store.ping().test().awaitDone(10, TimeUnit.SECONDS)
        .assertError(e -> e instanceof MetadataUnavailableException
            && e.getMessage().equals("metadata store unavailable: cannot connect to Redis"));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

    redis.server().restart(); // same port, no data: the server kept nothing
    store.ping().blockingAwait(10, TimeUnit.SECONDS);
    assertThat(store.versions("example.com/m").blockingGet()).isEmpty();
    store.putArtifact(MOD).blockingAwait();
    assertThat(store.versions("example.com/m").blockingGet()).containsExactly("v1.0.0");
  }

  @Test
  @DisplayName("does not fail a command that meets a pooled connection Redis just closed (as sentinels do on failover): it is sent again on a new one")
  void connectionsKilled() {
    for (int i = 0; i < 20; i++) {
      store.putArtifact(MOD).blockingAwait();
      RespClient.call(redis.port(), "CLIENT", "KILL", "TYPE", "normal");

      store.versions("example.com/m").test().awaitDone(10, TimeUnit.SECONDS)
          .assertNoErrors().assertValue(List.of("v1.0.0"));
    }
  }
}
