package io.goproxymirror.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("ConfigLoader validation")
class ConfigValidationTest {

  @TempDir Path dir;

  private AbstractThrowableAssert<?, ? extends Throwable> loadingFile(
      String yaml, Map<String, String> env) {
    Path file = ConfigFiles.write(dir, yaml);
    return assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), env))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith("config error: ").doesNotContain("\n"));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> loadingFile(String yaml) {
    return loadingFile(yaml, Map.of());
  }

  private AbstractThrowableAssert<?, ? extends Throwable> loadingEnv(Map<String, String> env) {
    return assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), env))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Nested
  @DisplayName("of values names the key")
  class Values {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "server:\\n  port: abc | config error: server.port: expected a whole number, got \"abc\"",
          "server:\\n  port: 70000 | config error: server.port: must be between 0 and 65535, got 70000",
          "server:\\n  port: -1 | config error: server.port: must be between 0 and 65535, got -1",
          "server:\\n  port: 3000.5 | config error: server.port: expected a whole number, got \"3000.5\"",
          "server:\\n  port: true | config error: server.port: expected a whole number, got \"true\"",
          "server:\\n  port: 99999999999999999999 | config error: server.port: out of range, got \"99999999999999999999\"",
          "server:\\n  instances: -1 | config error: server.instances: must be at least 0, got -1",
          "server:\\n  host: '' | config error: server.host: must not be empty",
          "storage:\\n  io-threads: 0 | config error: storage.io-threads: must be between 1 and 256, got 0",
          "storage:\\n  io-threads: 257 | config error: storage.io-threads: must be between 1 and 256, got 257",
          "storage:\\n  path: '  ' | config error: storage.path: must not be empty",
          "upstream: file:///srv/proxy | config error: upstream: file:// upstreams are not supported by this server",
          "upstream: https://a.example,,direct | config error: upstream: empty entry 2",
          "upstream: ftp://a.example | config error: upstream: unsupported upstream URL scheme",
          "upstream: http://127.0.0.1:99999 | config error: upstream: upstream URL \"http://127.0.0.1:99999\" has port 99999 out of range (1 to 65535)",
          "sumdb:\\n  databases: sum.golang.org=https://sum.golang.org:0 | config error: sumdb.databases: URL of checksum database \"sum.golang.org\" has port 0 out of range (1 to 65535)",
          "server:\\n  shutdown-delay: -1s | config error: server.shutdown-delay: must be a duration of zero or more, got \"-1s\" (use 30s, 10m, 1h, 500ms)",
          "server:\\n  shutdown-delay: 5 | config error: server.shutdown-delay: invalid duration \"5\": a bare number is ambiguous",
          "server:\\n  shutdown-timeout: 0s | config error: server.shutdown-timeout: must be a positive duration, got \"0s\"",
          "upstream-timeouts:\\n  connect: 0s | config error: upstream-timeouts.connect: must be a positive duration, got \"0s\"",
          "upstream-timeouts:\\n  total: -1m | config error: upstream-timeouts.total: must be a positive duration",
          "upstream-timeouts:\\n  idle: 30 | config error: upstream-timeouts.idle: invalid duration \"30\": a bare number is ambiguous",
          "upstream-timeouts:\\n  first-byte: soon | config error: upstream-timeouts.first-byte: invalid duration \"soon\"",
          "cache:\\n  list-ttl: abc | config error: cache.list-ttl: invalid duration \"abc\" (use 30s, 10m, 1h, 500ms)",
          "cache:\\n  negative-ttl: PT0S | config error: cache.negative-ttl: must be a positive duration",
          "cache:\\n  memory-entries: -5 | config error: cache.memory-entries: must be at least 0, got -5",
          "cache:\\n  memory-bytes: 64MB | config error: cache.memory-bytes: invalid size \"64MB\": unit \"MB\" is ambiguous",
          "cache:\\n  memory-bytes: lots | config error: cache.memory-bytes: invalid size \"lots\"",
          "fetch:\\n  max-concurrent: 0 | config error: fetch.max-concurrent: must be at least 1, got 0",
          "fetch:\\n  connections-per-upstream: 0 | config error: fetch.connections-per-upstream: must be at least 1, got 0",
          "log:\\n  format: xml | config error: log.format: must be one of text, json; got \"xml\"",
          "log:\\n  level: verbose | config error: log.level: must be one of trace, debug, info, warn, error; got \"verbose\"",
        })
    @DisplayName("with the reason")
    void invalidValues(String yaml, String message) {
      loadingFile(yaml.replace("\\n", "\n")).hasMessageStartingWith(message);
    }

    @Test
    @DisplayName("matches the documented format for a bad duration exactly")
    void durationMessage() {
      loadingFile("cache:\n  list-ttl: abc\n")
          .hasMessage(
              "config error: cache.list-ttl: invalid duration \"abc\" (use 30s, 10m, 1h, 500ms)");
    }

    @Test
    @DisplayName("names the environment variable and its key for values from the environment")
    void environmentValues() {
      loadingEnv(Map.of("MIRROR_PORT", "abc"))
          .hasMessage("config error: MIRROR_PORT (server.port): expected a whole number, got \"abc\"");
      loadingEnv(Map.of("MIRROR_SERVER_PORT", "65536"))
          .hasMessage(
              "config error: MIRROR_SERVER_PORT (server.port): must be between 0 and 65535, got 65536");
      loadingEnv(Map.of("MIRROR_CACHE_LIST_TTL", "30"))
          .hasMessageStartingWith(
              "config error: MIRROR_CACHE_LIST_TTL (cache.list-ttl): invalid duration \"30\"");
      loadingEnv(Map.of("MIRROR_SERVER_SHUTDOWN_DELAY", "-5s"))
          .hasMessage("config error: MIRROR_SERVER_SHUTDOWN_DELAY (server.shutdown-delay): must be a duration of zero"
              + " or more, got \"-5s\" (use 30s, 10m, 1h, 500ms)");
      loadingEnv(Map.of("MIRROR_UPSTREAM", "file:///x"))
          .hasMessageStartingWith("config error: MIRROR_UPSTREAM (upstream): file://");
      loadingEnv(Map.of("MIRROR_LOG_LEVEL", "loud"))
          .hasMessageStartingWith("config error: MIRROR_LOG_LEVEL (log.level): must be one of");
    }

    @Test
    @DisplayName("names the key whose ${VAR} is not set")
    void missingVariable() {
      loadingFile("storage:\n  path: ${DATA_ROOT}/mirror\n")
          .hasMessage(
              "config error: storage.path: environment variable DATA_ROOT is not set"
                  + " (write ${DATA_ROOT:-default} to give a fallback)");
    }

    @Test
    @DisplayName("never echoes URL userinfo")
    void hidesUserinfo() {
      loadingFile("upstream: ftp://bob:s3cret@a.example\n")
          .hasMessageNotContaining("s3cret")
          .hasMessageNotContaining("bob");
      loadingEnv(Map.of("MIRROR_UPSTREAM", "https://bob:s3cret@a.example/?q"))
          .hasMessageNotContaining("s3cret");
      loadingFile("upstream: https://${U}@a.example,,direct\n", Map.of("U", "bob:s3cret"))
          .hasMessageNotContaining("s3cret");
    }
  }

  @Nested
  @DisplayName("of the file's shape")
  class Shape {

    @Test
    @DisplayName("stops at an unknown key and suggests the closest known one")
    void unknownKeyWithSuggestion() {
      loadingFile("server:\n  prot: 3000\n")
          .hasMessage("config error: unknown key \"server.prot\" (did you mean \"server.port\"?)");
      loadingFile("sever:\n  port: 3000\n")
          .hasMessage("config error: unknown key \"sever\" (did you mean \"server\"?)");
      loadingFile("cache:\n  listTtl: 1m\n")
          .hasMessage("config error: unknown key \"cache.listTtl\" (did you mean \"cache.list-ttl\"?)");
      loadingFile("port: 3000\n")
          .hasMessage("config error: unknown key \"port\" (did you mean \"server.port\"?)");
      loadingFile("upstream-timeout:\n  total: 1m\n")
          .hasMessage(
              "config error: unknown key \"upstream-timeout\" (did you mean \"upstream-timeouts\"?)");
    }

    @Test
    @DisplayName("lists the known keys when nothing is close")
    void unknownKeyWithoutSuggestion() {
      loadingFile("server:\n  compression: true\n")
          .hasMessage(
              "config error: unknown key \"server.compression\" (keys under server: host, port, instances,"
                  + " header-timeout, shutdown-delay, shutdown-timeout, tls)");
      loadingFile("metrics:\n  enabled: true\n")
          .hasMessage(
              "config error: unknown key \"metrics\" (top-level keys: server, storage, metadata, upstream,"
                  + " private, noproxy, nosumdb, upstream-timeouts, upstream-health, upstream-retries, git, cache,"
                  + " sumdb, fetch, sync, admin, auth, log, routes)");
    }

    @Test
    @DisplayName("rejects an unknown key even after valid ones")
    void unknownKeyAnywhere() {
      loadingFile("server:\n  port: 1\nlog:\n  level: info\n  colour: true\n")
          .hasMessageContaining("unknown key \"log.colour\"");
    }

    @Test
    @DisplayName("rejects lists, mappings and missing values where a value belongs")
    void wrongTypes() {
      loadingFile("server:\n  port: [1, 2]\n")
          .hasMessage("config error: server.port: expected a single value, found a list");
      loadingFile("server:\n  port:\n    value: 1\n")
          .hasMessage("config error: server.port: expected a single value, found a mapping");
      loadingFile("upstream:\n  - https://a.example\n")
          .hasMessage("config error: upstream: expected a single value, found a list");
      loadingFile("server:\n  port:\n")
          .hasMessage(
              "config error: server.port: no value (line 2); remove the key to use the default");
    }

    @Test
    @DisplayName("rejects a value where a mapping belongs")
    void valueForSection() {
      loadingFile("server: 3000\n")
          .hasMessage(
              "config error: server: expected a mapping with keys host, port, instances, header-timeout, shutdown-delay, shutdown-timeout, tls,"
                  + " found a value");
      loadingFile("cache: [1]\n").hasMessageStartingWith("config error: cache: expected a mapping");
    }

    @Test
    @DisplayName("rejects duplicate keys with both lines")
    void duplicates() {
      loadingFile("server:\n  port: 1\n  port: 2\n")
          .hasMessage("config error: server.port: duplicate key (lines 2 and 3)");
    }

    @Test
    @DisplayName("rejects dotted keys, aliases, several documents and a non-mapping top level")
    void unsupportedYaml() {
      loadingFile("server.port: 3000\n")
          .hasMessageStartingWith("config error: server.port: dotted keys are not supported");
      loadingFile("server:\n  port: &p 3000\n  instances: *p\n")
          .hasMessage("config error: server.instances: YAML aliases are not supported (line 3)");
      Path second = ConfigFiles.write(dir, "server:\n  port: 1\n---\nlog:\n  level: info\n");
      assertThatThrownBy(() -> ConfigLoader.load(Optional.of(second), Map.of()))
          .hasMessage(
              "config error: " + second + ": only one YAML document is supported (second one at line 4)");
      loadingFile("- server\n").hasMessageEndingWith(": the top level must be a mapping of keys");
    }
  }

  @Nested
  @DisplayName("of the file itself names the file")
  class FileErrors {

    @Test
    @DisplayName("reports malformed YAML in one line with line and column, without snippet or trace")
    void malformedYaml() {
      Path file = ConfigFiles.write(dir, "server:\n  port: 1\n bad: 2\n");

      assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessage(
              "config error: "
                  + file
                  + ": malformed YAML at line 3, column 2: expected <block end>, but found"
                  + " '<block mapping start>' (while parsing a block mapping at line 1, column 1)")
          .hasNoCause();
    }

    @Test
    @DisplayName("reports where a malformed value is")
    void malformedValue() {
      loadingFile("server:\n  host: a: b\n")
          .hasMessageEndingWith(": malformed YAML at line 2, column 10: mapping values are not allowed here");
      loadingFile("log:\n  level: \"info\n")
          .hasMessageContaining(": malformed YAML at line 3, column 1: found unexpected end of stream")
          .hasMessageContaining("while scanning a quoted scalar at line 2, column 10");
    }

    @Test
    @DisplayName("reports a missing file, naming MIRROR_CONFIG when it came from there")
    void missingFile() {
      Path missing = dir.resolve("nope.yaml");

      assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of()))
          .hasMessage("config error: " + missing + ": file not found");
      assertThatThrownBy(
              () -> ConfigLoader.load(Optional.empty(), Map.of("MIRROR_CONFIG", missing.toString())))
          .hasMessage("config error: MIRROR_CONFIG (" + missing + "): file not found");
    }

    @Test
    @DisplayName("reports a directory and a file that is not UTF-8")
    void unreadable() throws IOException {
      assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir), Map.of()))
          .hasMessage("config error: " + dir + ": is a directory, not a file");
      Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
      assertThatThrownBy(() -> ConfigLoader.load(Optional.of(latin1), Map.of()))
          .hasMessage("config error: " + latin1 + ": not valid UTF-8");
    }
  }
}
