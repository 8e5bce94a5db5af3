package io.goproxymirror.config.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.ConfigFiles;
import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("metadata.* configuration")
class MetadataConfigTest {

  private static final RedisConfig DEFAULT_REDIS = new RedisConfig(
      Optional.empty(), RedisConfig.Mode.STANDALONE, List.of(), Optional.empty(), Optional.empty(),
      Optional.empty(), 16, 256, Duration.ofSeconds(2), "goproxy:");

  @TempDir Path dir;

  private MetadataConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.load(Optional.of(ConfigFiles.write(dir, yaml)), env).metadata();
  }

  private AbstractThrowableAssert<?, ? extends Throwable> failing(String yaml, Map<String, String> env) {
    return assertThatThrownBy(() -> load(yaml, env))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith("config error: ").doesNotContain("\n"));
  }

  @Test
  @DisplayName("defaults to the embedded store with every Redis key at its default")
  void defaults() {
    assertThat(ConfigLoader.defaults().metadata())
        .isEqualTo(new MetadataConfig(MetadataConfig.Type.EMBEDDED, DEFAULT_REDIS));
  }

  @Test
  @DisplayName("selects redis when a URL is set and metadata.type is not given, by MIRROR_REDIS_URL, the generic variable or the file")
  void urlSelectsRedis() {
    MetadataConfig byNamed = load("", Map.of("MIRROR_REDIS_URL", "redis://r1:6380"));
    MetadataConfig byGeneric = load("", Map.of("MIRROR_METADATA_REDIS_URL", "redis://r2"));
    MetadataConfig byFile = load("metadata:\n  redis:\n    url: rediss://mirror@r3/2\n", Map.of());
    MetadataConfig bothVariables = load("", Map.of(
        "MIRROR_REDIS_URL", "redis://named", "MIRROR_METADATA_REDIS_URL", "redis://generic"));

    assertThat(byNamed.type()).isEqualTo(MetadataConfig.Type.REDIS);
    assertThat(byNamed.redis().url()).contains("redis://r1:6380");
    assertThat(byGeneric.type()).isEqualTo(MetadataConfig.Type.REDIS);
    assertThat(byFile.type()).isEqualTo(MetadataConfig.Type.REDIS);
    assertThat(byFile.redis().connectionStrings()).containsExactly("rediss://mirror@r3/2");
    assertThat(bothVariables.redis().url()).contains("redis://named");
    assertThat(load("", Map.of("MIRROR_REDIS_URL", "")).type()).isEqualTo(MetadataConfig.Type.EMBEDDED);
  }

  @Test
  @DisplayName("refuses an explicit embedded type together with a URL, naming both")
  void explicitEmbeddedWithUrl() {
    failing("metadata:\n  type: embedded\n", Map.of("MIRROR_REDIS_URL", "redis://r"))
        .hasMessage("config error: metadata.type: is embedded, but a Redis URL is set by"
            + " MIRROR_REDIS_URL (metadata.redis.url); set metadata.type to redis to use it, or"
            + " leave metadata.type out so that the URL selects redis");
    failing("metadata:\n  redis:\n    url: redis://r\n", Map.of("MIRROR_METADATA_TYPE", "embedded"))
        .hasMessageStartingWith("config error: MIRROR_METADATA_TYPE (metadata.type): is embedded,"
            + " but metadata.redis.url is set;");
  }

  @Test
  @DisplayName("reads every Redis key from the file")
  void fullSentinelConfig() throws IOException {
    Path password = Files.writeString(dir.resolve("redis-password"), "s3cret\n");
    MetadataConfig c = load("""
        metadata:
          type: redis
          redis:
            url: redis://sentinel-a:26379
            mode: sentinel
            endpoints: redis://sentinel-b:26379, redis://sentinel-c:26379
            master-name: mymaster
            password-file: %s
            pool-size: 4
            max-waiting: 4
            command-timeout: 500ms
            key-prefix: ""
        """.formatted(password), Map.of());

    assertThat(c).isEqualTo(new MetadataConfig(MetadataConfig.Type.REDIS, new RedisConfig(
        Optional.of("redis://sentinel-a:26379"), RedisConfig.Mode.SENTINEL,
        List.of("redis://sentinel-b:26379", "redis://sentinel-c:26379"), Optional.of("mymaster"),
        Optional.empty(), Optional.of(password), 4, 4, Duration.ofMillis(500), "")));
    assertThat(c.redis().connectionStrings()).hasSize(3);
  }

  @Test
  @DisplayName("takes the password from a named variable that must be set")
  void passwordEnv() {
    Map<String, String> env = Map.of("MIRROR_REDIS_URL", "redis://r", "MIRROR_METADATA_REDIS_PASSWORD_ENV", "REDIS_PW");

    failing("", env).hasMessage(
        "config error: metadata.redis.password-env: environment variable REDIS_PW is not set");
    assertThat(load("", Map.of("MIRROR_REDIS_URL", "redis://r", "MIRROR_METADATA_REDIS_PASSWORD_ENV",
            "REDIS_PW", "REDIS_PW", "pw")).redis().passwordEnv())
        .contains("REDIS_PW");
    assertThat(load("metadata:\n  redis:\n    password-env: UNSET_BUT_UNUSED\n", Map.of()).type())
        .as("unused Redis keys are not checked")
        .isEqualTo(MetadataConfig.Type.EMBEDDED);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "redis://user:hunter2@r:6379",
      "redis://:hunter2@r",
      "rediss://a:b:hunter2@r/0",
      "redis://r:6379/0?password=hunter2",
      "redis://:p@ss%hunter2@r",
  })
  @DisplayName("refuses a password in the URL, without repeating it")
  void passwordInUrl(String url) {
    failing("", Map.of("MIRROR_REDIS_URL", url))
        .hasMessage("config error: MIRROR_REDIS_URL (metadata.redis.url): " + RedisUrls.NO_PASSWORD)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    failing("metadata:\n  redis:\n    url: '" + url + "'\n", Map.of())
        .hasMessageStartingWith("config error: metadata.redis.url: must not contain a password");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "metadata:\\n  type: redis | config error: metadata.redis.url: must be set when metadata.type is redis (or set MIRROR_REDIS_URL)",
      "metadata:\\n  type: mongo | config error: metadata.type: must be one of embedded, redis; got \"mongo\"",
      "metadata:\\n  redis:\\n    url: http://r | config error: metadata.redis.url: must start with redis:// (or rediss:// for TLS)",
      "metadata:\\n  redis:\\n    url: r:6379 | config error: metadata.redis.url: must start with redis://",
      "metadata:\\n  redis:\\n    url: redis:///0 | config error: metadata.redis.url: has no host name",
      "metadata:\\n  redis:\\n    url: redis://r/db1 | config error: metadata.redis.url: the path may only be a database number such as /0",
      "metadata:\\n  redis:\\n    url: redis://r?db=1 | config error: metadata.redis.url: query parameters and fragments are not supported",
      "metadata:\\n  redis:\\n    url: redis://r\\n    endpoints: redis://s | config error: metadata.redis.endpoints: is for the sentinels or cluster nodes",
      "metadata:\\n  redis:\\n    url: redis://r\\n    mode: cluster\\n    endpoints: redis://s,,redis://t | config error: metadata.redis.endpoints: empty entry 2",
      "metadata:\\n  redis:\\n    url: redis://r\\n    mode: cluster\\n    endpoints: redis://s,ftp://t | config error: metadata.redis.endpoints: entry 2 must start with redis://",
      "metadata:\\n  redis:\\n    url: redis://r\\n    mode: cluster\\n    endpoints: rediss://s | config error: metadata.redis.endpoints: entry 1 does not use the same scheme as metadata.redis.url",
      "metadata:\\n  redis:\\n    url: redis://r/3\\n    mode: cluster | config error: metadata.redis.url: Redis Cluster has only database 0",
      "metadata:\\n  redis:\\n    url: redis://r\\n    mode: sentinel | config error: metadata.redis.master-name: must be set when metadata.redis.mode is sentinel",
      "metadata:\\n  redis:\\n    url: redis://r\\n    master-name: m | config error: metadata.redis.master-name: is only used when metadata.redis.mode is sentinel, not standalone",
      "metadata:\\n  redis:\\n    url: redis://r\\n    mode: replicated | config error: metadata.redis.mode: must be one of standalone, sentinel, cluster",
      "metadata:\\n  redis:\\n    url: redis://r\\n    password-env: 'X'\\n    password-file: /x | config error: metadata.redis.password-env: set only one of metadata.redis.password-env and metadata.redis.password-file",
      "metadata:\\n  redis:\\n    url: redis://r\\n    password-env: not a name | config error: metadata.redis.password-env: must be the name of an environment variable",
      "metadata:\\n  redis:\\n    url: redis://r\\n    password-file: /nonexistent/redis-pw | config error: metadata.redis.password-file: file /nonexistent/redis-pw not found",
      "metadata:\\n  redis:\\n    pool-size: 0 | config error: metadata.redis.pool-size: must be between 1 and 1024, got 0",
      "metadata:\\n  redis:\\n    max-waiting: -1 | config error: metadata.redis.max-waiting: must be at least 0, got -1",
      "metadata:\\n  redis:\\n    url: redis://r\\n    pool-size: 32\\n    max-waiting: 31 | config error: metadata.redis.max-waiting: must be at least metadata.redis.pool-size (32), got 31",
      "metadata:\\n  redis:\\n    command-timeout: 0s | config error: metadata.redis.command-timeout: must be a positive duration",
      "metadata:\\n  redis:\\n    key-prefix: '{app}:' | config error: metadata.redis.key-prefix: must not contain { or }",
      "metadata:\\n  redis:\\n    key-prefix: 'my app:' | config error: metadata.redis.key-prefix: must not contain white space",
  })
  @DisplayName("refuses bad values and combinations, naming the key")
  void invalid(String yaml, String message) {
    failing(yaml.replace("\\n", "\n"), Map.of()).hasMessageStartingWith(message);
  }

  @Test
  @DisplayName("refuses an empty password file")
  void emptyPasswordFile() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty"));
    failing("metadata:\n  redis:\n    url: redis://r\n    password-file: " + empty + "\n", Map.of())
        .hasMessage("config error: metadata.redis.password-file: file " + empty + " is empty");
  }

  @Test
  @DisplayName("keeps URL user names out of MirrorConfig.toString")
  void toStringHidesUserinfo() {
    MirrorConfig c = ConfigLoader.load(Optional.empty(), Map.of(
        "MIRROR_REDIS_URL", "redis://acl-user@r:6379", "MIRROR_METADATA_REDIS_PASSWORD_ENV", "PW", "PW", "hunter2"));

    assertThat(c.toString())
        .contains("url=Optional[redis://***@r:6379]", "passwordEnv=Optional[PW]")
        .doesNotContain("acl-user", "hunter2");
  }
}
