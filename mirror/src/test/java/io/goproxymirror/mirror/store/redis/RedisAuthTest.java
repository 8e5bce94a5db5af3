package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.storage.MetadataConfig;
import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.store.CachedAnswer;
import io.goproxymirror.mirror.testkit.RedisFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("RedisMetadataStore with a password")
class RedisAuthTest {
  private static final String PASSWORD = "correct horse:battery@staple";
  private static final CachedAnswer LIST =
      new CachedAnswer(200, "v1.0.0\n".getBytes(StandardCharsets.UTF_8), Instant.parse("2026-01-01T00:00:00Z"));

  @RegisterExtension static final RedisFixture redis = new RedisFixture("--requirepass", PASSWORD);

  @Test
  @DisplayName("reads the password from the variable named by metadata.redis.password-env")
  void passwordFromEnvironment() {
    Map<String, String> env = env();
    env.put("MIRROR_METADATA_REDIS_PASSWORD_ENV", "TEST_REDIS_PASSWORD");
    env.put("TEST_REDIS_PASSWORD", PASSWORD);

    roundTrip(env);
  }

  @Test
  @DisplayName("reads the password from the file named by metadata.redis.password-file, without the final newline")
  void passwordFromFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("redis-password"), PASSWORD + "\n");
    Map<String, String> env = env();
    env.put("MIRROR_METADATA_REDIS_PASSWORD_FILE", file.toString());

    roundTrip(env);
  }

  @Test
  @DisplayName("fails with MetadataUnavailableException naming the refusal without a password or with a wrong one")
  void refused() {
    RedisStoreOptions options = redis.options();
    RedisMetadataStore none = RedisMetadataStore.create(redis.vertx(), options);
    RedisMetadataStore wrong = RedisMetadataStore.create(redis.vertx(), options.withPassword("wrong"));
    try {
      none.versions("example.com/m").test().awaitDone(10, TimeUnit.SECONDS)
          .assertError(e -> e instanceof MetadataUnavailableException
              && e.getMessage().equals("metadata store unavailable: Redis answered NOAUTH"));
      wrong.versions("example.com/m").test().awaitDone(10, TimeUnit.SECONDS)
          .assertError(e -> e instanceof MetadataUnavailableException
              && e.getMessage().equals("metadata store unavailable: Redis answered WRONGPASS")
              && !e.getMessage().contains("wrong"));
    } finally {
      none.close().blockingAwait();
      wrong.close().blockingAwait();
    }
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("MIRROR_REDIS_URL", redis.url());
    env.put("MIRROR_METADATA_REDIS_KEY_PREFIX", RedisFixture.randomPrefix());
    return env;
  }

  private static void roundTrip(Map<String, String> env) {
    MirrorConfig config = ConfigLoader.load(Optional.empty(), env);
    assertThat(config.metadata().type()).isEqualTo(MetadataConfig.Type.REDIS);
    RedisStoreOptions options = RedisConfigOptions.from(config.metadata().redis(), env);
    assertThat(options.toString()).doesNotContain(PASSWORD).contains("password=***");
    RedisMetadataStore store = RedisMetadataStore.create(redis.vertx(), options);
    try {
      store.putAnswer("example.com/m", "list", LIST).blockingAwait();
      assertThat(store.answer("example.com/m", "list").blockingGet()).isEqualTo(LIST);
    } finally {
      store.close().blockingAwait();
    }
  }
}
