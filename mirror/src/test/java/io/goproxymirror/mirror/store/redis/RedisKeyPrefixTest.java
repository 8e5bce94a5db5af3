package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.CachedAnswer;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.RespClient;
import io.reactivex.rxjava3.core.Completable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("RedisMetadataStore key prefixes")
class RedisKeyPrefixTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @RegisterExtension static final RedisFixture redis = new RedisFixture();

  @Test
  @DisplayName("keeps two mirrors with different prefixes apart on one Redis, one prefix being a prefix of the other")
  void isolation() {
    String base = RedisFixture.randomPrefix();
    RedisMetadataStore first = store(base);
    RedisMetadataStore second = store(base + "x:");
    try {
      ArtifactRecord one = record("v1.0.0", "one");
      ArtifactRecord two = record("v1.0.0", "two");
      Completable.concatArray(
          first.putArtifact(one),
          second.putArtifact(two),
          second.putArtifact(record("v2.0.0", "only-second")),
          first.putAnswer("example.com/m", "list", answer("v1.0.0\n"))).blockingAwait();

      assertThat(first.artifact("example.com/m", "v1.0.0", ArtifactKind.ZIP).blockingGet()).isEqualTo(one);
      assertThat(second.artifact("example.com/m", "v1.0.0", ArtifactKind.ZIP).blockingGet()).isEqualTo(two);
      assertThat(first.versions("example.com/m").blockingGet()).containsExactly("v1.0.0");
      assertThat(second.versions("example.com/m").blockingGet()).containsExactly("v1.0.0", "v2.0.0");
      second.answer("example.com/m", "list").test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
    } finally {
      first.close().blockingAwait();
      second.close().blockingAwait();
    }
  }

  @Test
  @DisplayName("writes exactly the keys RedisKeys documents, and nothing outside its prefix")
  void layoutOnTheServer() {
    String prefix = RedisFixture.randomPrefix();
    RedisMetadataStore store = store(prefix);
    try {
      Completable.concatArray(
          store.putArtifact(record("v1.0.0", "a")),
          store.putAnswer("example.com/m", "list", answer("v1.0.0\n"))).blockingAwait();
    } finally {
      store.close().blockingAwait();
    }

    @SuppressWarnings("unchecked")
    List<Object> keys = (List<Object>) RespClient.call(redis.port(), "KEYS", prefix + "*");
    assertThat(keys).containsExactlyInAnyOrder(
        prefix + "{example.com/m}:artifacts", prefix + "{example.com/m}:versions", prefix + "{example.com/m}:answer:list");
    assertThat(RespClient.call(redis.port(), "HKEYS", prefix + "{example.com/m}:artifacts")).isEqualTo(List.of("v1.0.0.zip"));
    assertThat(RespClient.call(redis.port(), "ZRANGE", prefix + "{example.com/m}:versions", "0", "-1"))
        .isEqualTo(List.of("v1.0.0"));
  }

  private static RedisMetadataStore store(String prefix) {
    return RedisMetadataStore.create(redis.vertx(), redis.options(prefix));
  }

  private static ArtifactRecord record(String version, String sha) {
    return new ArtifactRecord("example.com/m", version, ArtifactKind.ZIP, 1, sha, "h1:" + sha, T0);
  }

  private static CachedAnswer answer(String body) {
    return new CachedAnswer(200, body.getBytes(StandardCharsets.UTF_8), T0);
  }
}
