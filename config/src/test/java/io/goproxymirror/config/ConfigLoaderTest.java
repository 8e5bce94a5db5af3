package io.goproxymirror.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.git.GitConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.storage.S3Config;
import io.goproxymirror.config.storage.StorageConfig;
import io.goproxymirror.config.storage.StorageType;
import io.goproxymirror.config.upstream.UpstreamHealthConfig;
import io.goproxymirror.config.upstream.UpstreamRetryConfig;
import io.goproxymirror.config.upstream.UpstreamTimeouts;
import io.goproxymirror.gomod.PathPatterns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ConfigLoader")
class ConfigLoaderTest {

  @TempDir Path dir;

  private MirrorConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.load(Optional.of(ConfigFiles.write(dir, yaml)), env);
  }

  @Nested
  @DisplayName("without file or environment")
  class Defaults {

    @Test
    @DisplayName("uses the documented defaults")
    void usesDefaults() {
      MirrorConfig c = ConfigLoader.load(Optional.empty(), Map.of());

      assertThat(c.server()).isEqualTo(new ServerConfig("0.0.0.0", 3000, 0, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), ServerTlsConfig.OFF));
      assertThat(c.storage())
          .isEqualTo(
              new StorageConfig(
                  Path.of("./data"),
                  16,
                  StorageType.FILE,
                  new S3Config(
                      "",
                      Optional.empty(),
                      "us-east-1",
                      false,
                      "",
                      Optional.empty(),
                      Optional.empty(),
                      16L << 20,
                      Duration.ofSeconds(30),
                      64),
                  1L << 30));
      assertThat(c.upstream()).isEqualTo("https://proxy.golang.org,direct");
      assertThat(c.privatePatterns()).isEqualTo(PathPatterns.none());
      assertThat(c.git())
          .isEqualTo(
              new GitConfig(
                  4,
                  256,
                  Duration.ofSeconds(10),
                  Duration.ofSeconds(60),
                  Duration.ofMinutes(10),
                  Duration.ofSeconds(10),
                  List.of(),
                  List.of(),
                  List.of()));
      assertThat(c.upstreamTimeouts())
          .isEqualTo(
              new UpstreamTimeouts(
                  Duration.ofSeconds(5),
                  Duration.ofSeconds(15),
                  Duration.ofSeconds(30),
                  Duration.ofSeconds(60)));
      assertThat(c.cache())
          .isEqualTo(
              new CacheConfig(Duration.ofMinutes(10), Duration.ofMinutes(5), 100_000, 64L << 20));
      assertThat(c.upstreamHealth())
          .isEqualTo(new UpstreamHealthConfig(3, Duration.ofSeconds(30), Duration.ofSeconds(30)));
      assertThat(c.upstreamRetries()).isEqualTo(new UpstreamRetryConfig(2, Duration.ofMillis(100)));
      assertThat(c.fetch()).isEqualTo(new FetchConfig(64, 16));
      assertThat(c.log()).isEqualTo(new LogConfig("text", "info"));
      assertThat(ConfigLoader.defaults()).isEqualTo(c);
    }

    @Test
    @DisplayName("treats an empty file and a file of comments as no settings")
    void emptyFiles() {
      assertThat(load("", Map.of())).isEqualTo(ConfigLoader.defaults());
      assertThat(load("# nothing here\n", Map.of())).isEqualTo(ConfigLoader.defaults());
      assertThat(load("server:\n  # port: 1\n", Map.of())).isEqualTo(ConfigLoader.defaults());
    }
  }

  @Nested
  @DisplayName("with a YAML file")
  class File {

    @Test
    @DisplayName("overrides the keys it sets and keeps defaults for the others")
    void overrides() {
      MirrorConfig c =
          load(
              """
              server:
                port: 8080
                instances: 4
              storage:
                path: /var/lib/mirror
                io-threads: 32
              upstream: https://athens.example.com|https://proxy.golang.org,direct
              upstream-timeouts:
                connect: 2s
                first-byte: PT20S
                idle: 1m
                total: 2h30m
              cache:
                list-ttl: 90s
                negative-ttl: 500ms
                memory-entries: 5000
                memory-bytes: 1GiB
              fetch:
                max-concurrent: 8
                connections-per-upstream: 4
              log:
                format: json
                level: DEBUG
              """,
              Map.of());

      assertThat(c.server()).isEqualTo(new ServerConfig("0.0.0.0", 8080, 4, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), ServerTlsConfig.OFF));
      assertThat(c.storage().path()).isEqualTo(Path.of("/var/lib/mirror"));
      assertThat(c.storage().ioThreads()).isEqualTo(32);
      assertThat(c.upstream()).isEqualTo("https://athens.example.com|https://proxy.golang.org,direct");
      assertThat(c.upstreamTimeouts())
          .isEqualTo(
              new UpstreamTimeouts(
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(20),
                  Duration.ofMinutes(1),
                  Duration.ofMinutes(150)));
      assertThat(c.cache())
          .isEqualTo(new CacheConfig(Duration.ofSeconds(90), Duration.ofMillis(500), 5000, 1L << 30));
      assertThat(c.fetch()).isEqualTo(new FetchConfig(8, 4));
      assertThat(c.log()).isEqualTo(new LogConfig("json", "debug"));
    }

    @Test
    @DisplayName("accepts quoted numbers and reads upstream: off as the keyword, not a boolean")
    void scalarsAsText() {
      MirrorConfig c = load("server:\n  port: \"8081\"\nupstream: off\n", Map.of());

      assertThat(c.server().port()).isEqualTo(8081);
      assertThat(c.upstream()).isEqualTo("off");
    }

    @Test
    @DisplayName("is found through MIRROR_CONFIG when no file is given")
    void fromMirrorConfig() {
      Path file = ConfigFiles.write(dir, "server:\n  port: 9000\n");

      MirrorConfig c =
          ConfigLoader.load(Optional.empty(), Map.of("MIRROR_CONFIG", file.toString()));

      assertThat(c.server().port()).isEqualTo(9000);
    }

    @Test
    @DisplayName("given explicitly wins over MIRROR_CONFIG")
    void explicitFileWins() {
      Path given = ConfigFiles.write(dir, "server:\n  port: 9001\n");
      Path named = ConfigFiles.write(dir, "server:\n  port: 9002\n");

      MirrorConfig c =
          ConfigLoader.load(Optional.of(given), Map.of("MIRROR_CONFIG", named.toString()));

      assertThat(c.server().port()).isEqualTo(9001);
    }
  }

  @Nested
  @DisplayName("with environment variables")
  class Environment {

    @Test
    @DisplayName("applies the named variables")
    void namedVariables() {
      MirrorConfig c =
          ConfigLoader.load(
              Optional.empty(),
              Map.of(
                  "MIRROR_PORT", "4000",
                  "MIRROR_DATA_DIR", "/data",
                  "MIRROR_UPSTREAM", "https://athens.example.com",
                  "MIRROR_LOG_FORMAT", "json",
                  "MIRROR_LOG_LEVEL", "warn"));

      assertThat(c.server().port()).isEqualTo(4000);
      assertThat(c.storage().path()).isEqualTo(Path.of("/data"));
      assertThat(c.upstream()).isEqualTo("https://athens.example.com");
      assertThat(c.log()).isEqualTo(new LogConfig("json", "warn"));
    }

    @Test
    @DisplayName("applies the generic MIRROR_<KEY> variable of every key")
    void genericVariables() {
      MirrorConfig c =
          ConfigLoader.load(
              Optional.empty(),
              Map.ofEntries(
                  Map.entry("MIRROR_SERVER_HOST", "127.0.0.1"),
                  Map.entry("MIRROR_SERVER_PORT", "4001"),
                  Map.entry("MIRROR_SERVER_INSTANCES", "2"),
                  Map.entry("MIRROR_STORAGE_PATH", "/srv"),
                  Map.entry("MIRROR_STORAGE_IO_THREADS", "3"),
                  Map.entry("MIRROR_UPSTREAM_TIMEOUTS_CONNECT", "1s"),
                  Map.entry("MIRROR_UPSTREAM_TIMEOUTS_FIRST_BYTE", "2s"),
                  Map.entry("MIRROR_UPSTREAM_TIMEOUTS_IDLE", "3s"),
                  Map.entry("MIRROR_UPSTREAM_TIMEOUTS_TOTAL", "4s"),
                  Map.entry("MIRROR_CACHE_LIST_TTL", "1m"),
                  Map.entry("MIRROR_CACHE_NEGATIVE_TTL", "2m"),
                  Map.entry("MIRROR_CACHE_MEMORY_ENTRIES", "10"),
                  Map.entry("MIRROR_CACHE_MEMORY_BYTES", "1KiB"),
                  Map.entry("MIRROR_FETCH_MAX_CONCURRENT", "5"),
                  Map.entry("MIRROR_FETCH_CONNECTIONS_PER_UPSTREAM", "6"),
                  Map.entry("MIRROR_SERVER_HEADER_TIMEOUT", "3s"),
                  Map.entry("MIRROR_SERVER_SHUTDOWN_DELAY", "0s"),
                  Map.entry("MIRROR_SERVER_SHUTDOWN_TIMEOUT", "7s"),
                  Map.entry("MIRROR_STORAGE_MIN_FREE", "2GiB")));

      assertThat(c.server()).isEqualTo(new ServerConfig("127.0.0.1", 4001, 2, Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(7), ServerTlsConfig.OFF));
      assertThat(c.storage().path()).isEqualTo(Path.of("/srv"));
      assertThat(c.storage().ioThreads()).isEqualTo(3);
      assertThat(c.storage().minFree()).isEqualTo(2L << 30);
      assertThat(c.upstreamTimeouts())
          .isEqualTo(
              new UpstreamTimeouts(
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(3),
                  Duration.ofSeconds(4)));
      assertThat(c.cache())
          .isEqualTo(new CacheConfig(Duration.ofMinutes(1), Duration.ofMinutes(2), 10, 1024));
      assertThat(c.fetch()).isEqualTo(new FetchConfig(5, 6));
    }

    @Test
    @DisplayName("prefers the named variable over the generic one")
    void namedWins() {
      MirrorConfig c =
          ConfigLoader.load(
              Optional.empty(),
              Map.of(
                  "MIRROR_PORT", "4002",
                  "MIRROR_SERVER_PORT", "4003",
                  "MIRROR_DATA_DIR", "/named",
                  "MIRROR_STORAGE_PATH", "/generic"));

      assertThat(c.server().port()).isEqualTo(4002);
      assertThat(c.storage().path()).isEqualTo(Path.of("/named"));
    }

    @Test
    @DisplayName("ignores empty variables and MIRROR_* variables that are not keys")
    void ignoresUnrelated() {
      MirrorConfig c =
          ConfigLoader.load(
              Optional.empty(),
              Map.of(
                  "MIRROR_PORT", "",
                  "MIRROR_REQUIRE_TOOLS", "1",
                  "MIRROR_SOMETHING_LATER", "x",
                  "MIRROR_CONFIG", ""));

      assertThat(c).isEqualTo(ConfigLoader.defaults());
    }
  }

  @Nested
  @DisplayName("precedence")
  class Precedence {

    @Test
    @DisplayName("is defaults < file < environment, key by key")
    void layers() {
      MirrorConfig c =
          load(
              "server:\n  port: 5000\n  host: 127.0.0.1\ncache:\n  list-ttl: 1m\n",
              Map.of("MIRROR_PORT", "6000", "MIRROR_CACHE_NEGATIVE_TTL", "7s"));

      assertThat(c.server().port()).isEqualTo(6000);
      assertThat(c.server().host()).isEqualTo("127.0.0.1");
      assertThat(c.cache().listTtl()).isEqualTo(Duration.ofMinutes(1));
      assertThat(c.cache().negativeTtl()).isEqualTo(Duration.ofSeconds(7));
      assertThat(c.fetch()).isEqualTo(ConfigLoader.defaults().fetch());
    }

    @Test
    @DisplayName("lets a valid environment value replace an invalid file value")
    void environmentReplacesFileValue() {
      MirrorConfig c = load("server:\n  port: not-a-port\n", Map.of("MIRROR_PORT", "6001"));

      assertThat(c.server().port()).isEqualTo(6001);
    }
  }

  @Nested
  @DisplayName("substitution of ${VAR} in the file")
  class Substitution {

    @Test
    @DisplayName("fills values from the environment, with defaults")
    void substitutes() {
      MirrorConfig c =
          load(
              """
              storage:
                path: ${DATA_ROOT}/mirror
              upstream: https://${PROXY_USER}:${PROXY_TOKEN}@athens.example.com,direct
              cache:
                list-ttl: ${LIST_TTL:-15m}
              """,
              Map.of("DATA_ROOT", "/srv", "PROXY_USER", "bot", "PROXY_TOKEN", "t0ken"));

      assertThat(c.storage().path()).isEqualTo(Path.of("/srv/mirror"));
      assertThat(c.upstream()).isEqualTo("https://bot:t0ken@athens.example.com,direct");
      assertThat(c.toString()).doesNotContain("t0ken");
      assertThat(c.cache().listTtl()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    @DisplayName("converts substituted values with the same rules")
    void convertsSubstituted() {
      MirrorConfig c = load("server:\n  port: ${PORT}\n", Map.of("PORT", "7070"));

      assertThat(c.server().port()).isEqualTo(7070);
    }

    @Test
    @DisplayName("does not substitute inside environment override values")
    void notInEnvironmentValues() {
      MirrorConfig c =
          ConfigLoader.load(
              Optional.empty(), Map.of("MIRROR_SERVER_HOST", "${HOST}", "HOST", "x"));

      assertThat(c.server().host()).isEqualTo("${HOST}");
    }
  }
}
