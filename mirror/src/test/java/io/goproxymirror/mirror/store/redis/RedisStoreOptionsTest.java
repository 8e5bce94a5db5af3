package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.storage.RedisConfig;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RedisStoreOptions")
class RedisStoreOptionsTest {

  @Test
  @DisplayName("maps a sentinel configuration to Vert.x Redis options")
  void sentinelOptions() {
    RedisConfig config = new RedisConfig(Optional.of("redis://s1:26379"), RedisConfig.Mode.SENTINEL,
        List.of("redis://s2:26379"), Optional.of("main"), Optional.of("PW"), Optional.empty(), 4, 8,
        Duration.ofMillis(1500), "p:");

    RedisStoreOptions options = RedisConfigOptions.from(config, Map.of("PW", "hunter2"));
    RedisOptions redis = RedisClientFactory.redisOptions(options);

    assertThat(redis.getType()).isEqualTo(RedisClientType.SENTINEL);
    assertThat(redis.getEndpoints()).containsExactly("redis://s1:26379", "redis://s2:26379");
    assertThat(redis.getMasterName()).isEqualTo("main");
    assertThat(redis.getRole()).isEqualTo(RedisRole.MASTER);
    assertThat(redis.isAutoFailover()).isTrue();
    assertThat(redis.getPassword()).isEqualTo("hunter2");
    assertThat(redis.getMaxPoolSize()).isEqualTo(4);
    assertThat(redis.getMaxPoolWaiting()).isEqualTo(8);
    assertThat(redis.getNetClientOptions().getConnectTimeout()).isEqualTo(1500);
    assertThat(redis.getNetClientOptions().isSsl()).isFalse();
    assertThat(options.toString()).doesNotContain("hunter2").contains("password=***");
  }

  @Test
  @DisplayName("turns on TLS with host name verification for rediss:// URLs")
  void tls() {
    RedisOptions redis = RedisClientFactory.redisOptions(
        RedisStoreOptions.cluster(List.of("rediss://n1:6379", "rediss://n2:6379")));

    assertThat(redis.getType()).isEqualTo(RedisClientType.CLUSTER);
    assertThat(redis.getNetClientOptions().isSsl()).isTrue();
    assertThat(redis.getNetClientOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
  }

  @Test
  @DisplayName("hides user names in toString and refuses inconsistent values")
  void validation() {
    assertThat(RedisStoreOptions.standalone("redis://acl-user@h:1/2").toString())
        .contains("redis://***@h:1/2").doesNotContain("acl-user");
    assertThatThrownBy(() -> new RedisStoreOptions(RedisStoreOptions.Topology.STANDALONE, List.of("redis://a", "redis://b"),
        Optional.empty(), Optional.empty(), 1, 1, Duration.ofSeconds(1), "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisStoreOptions.cluster(List.of("redis://a")).withPool(8, 7))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisStoreOptions.sentinel(List.of("redis://s"), "m").withKeyPrefix("{x}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisStoreOptions.standalone("redis://a").withCommandTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("reports a missing password variable or file by key, without a value")
  void missingPassword() {
    RedisConfig byEnv = new RedisConfig(Optional.of("redis://r"), RedisConfig.Mode.STANDALONE, List.of(),
        Optional.empty(), Optional.of("GONE"), Optional.empty(), 1, 1, Duration.ofSeconds(1), "");
    RedisConfig byFile = new RedisConfig(Optional.of("redis://r"), RedisConfig.Mode.STANDALONE, List.of(),
        Optional.empty(), Optional.empty(), Optional.of(Path.of("/nonexistent/pw")), 1, 1, Duration.ofSeconds(1), "");

    assertThatThrownBy(() -> RedisConfigOptions.from(byEnv, Map.of()))
        .hasMessage("metadata.redis.password-env: environment variable GONE is not set or empty");
    assertThatThrownBy(() -> RedisConfigOptions.from(byFile, Map.of()))
        .hasMessageStartingWith("metadata.redis.password-file: cannot read /nonexistent/pw");
  }
}
