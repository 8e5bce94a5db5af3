package io.goproxymirror.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.upstream.UpstreamList;
import io.goproxymirror.config.upstream.UpstreamTimeoutOverride;
import io.goproxymirror.config.upstream.UpstreamTimeouts;
import io.goproxymirror.config.value.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("fetch.queue, fetch.queue-wait and upstream-timeouts.overrides")
class FetchQueueAndTimeoutOverridesTest {

  @TempDir Path dir;

  private MirrorConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.load(Optional.of(ConfigFiles.write(dir, yaml)), env);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> loading(String yaml) {
    Path file = ConfigFiles.write(dir, yaml);
    return assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith("config error: ").doesNotContain("\n"));
  }

  /** An upstream-timeouts section whose overrides hold the given entries as YAML flow mappings. */
  private static String overrides(String... entries) {
    StringBuilder yaml = new StringBuilder("upstream-timeouts:\n  first-byte: 15s\n  overrides:\n");
    for (String entry : entries) {
      yaml.append("    - {").append(entry).append("}\n");
    }
    return yaml.toString();
  }

  @Nested
  @DisplayName("the fetch queue")
  class Queue {

    @Test
    @DisplayName("defaults to 256 waiting at most 10s")
    void defaults() {
      FetchConfig fetch = ConfigLoader.defaults().fetch();
      assertThat(fetch.queue()).isEqualTo(256);
      assertThat(fetch.queueWait()).isEqualTo(Duration.ofSeconds(10));
      assertThat(fetch).isEqualTo(new FetchConfig(64, 16));
    }

    @Test
    @DisplayName("is set from the file, and the environment wins; 0 means none wait")
    void fileAndEnvironment() {
      FetchConfig fromFile = load("fetch:\n  queue: 0\n  queue-wait: 1500ms\n", Map.of()).fetch();
      assertThat(fromFile).isEqualTo(new FetchConfig(64, 16, 0, Duration.ofMillis(1500)));
      FetchConfig fromEnv = load("fetch:\n  queue: 0\n",
          Map.of("MIRROR_FETCH_QUEUE", "12", "MIRROR_FETCH_QUEUE_WAIT", "2m")).fetch();
      assertThat(fromEnv.queue()).isEqualTo(12);
      assertThat(fromEnv.queueWait()).isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "queue: -1 | config error: fetch.queue: must be at least 0, got -1",
          "queue: many | config error: fetch.queue: expected a whole number, got \"many\"",
          "queue-wait: 0s | config error: fetch.queue-wait: must be a positive duration",
          "queue-wait: 10 | config error: fetch.queue-wait: invalid duration \"10\"",
        })
    @DisplayName("refuses bad values naming the key")
    void refused(String setting, String message) {
      loading("fetch:\n  " + setting + "\n").hasMessageStartingWith(message);
    }
  }

  @Nested
  @DisplayName("per-upstream timeout overrides")
  class Overrides {

    @Test
    @DisplayName("are empty by default, and an upstream without one gets the global values")
    void emptyByDefault() {
      UpstreamTimeouts timeouts = ConfigLoader.defaults().upstreamTimeouts();
      assertThat(timeouts.overrides()).isEmpty();
      assertThat(timeouts.forUpstream("https://proxy.golang.org"))
          .isEqualTo(new UpstreamTimeouts(
              Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60)));
    }

    @Test
    @DisplayName("replace only the fields they set, for the URL as a GOPROXY list normalizes it")
    void merged() {
      UpstreamTimeouts timeouts = load(overrides(
              "url: 'goproxy.corp.example.com/mirror/', first-byte: 300ms, total: 2s",
              "url: 'http://127.0.0.1:8080', connect: 1s, idle: 4s"),
          Map.of("MIRROR_UPSTREAM_TIMEOUTS_IDLE", "20s")).upstreamTimeouts();

      assertThat(timeouts.overrides()).extracting(UpstreamTimeoutOverride::url)
          .containsExactly("https://goproxy.corp.example.com/mirror", "http://127.0.0.1:8080");
      String list = "goproxy.corp.example.com/mirror/|http://127.0.0.1:8080,direct";
      var entries = UpstreamList.parse(list);
      assertThat(timeouts.forUpstream(entries.get(0).url())).isEqualTo(new UpstreamTimeouts(
          Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(20), Duration.ofSeconds(2)));
      assertThat(timeouts.forUpstream(entries.get(1).url())).isEqualTo(new UpstreamTimeouts(
          Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(4), Duration.ofSeconds(60)));
      assertThat(timeouts.forUpstream("https://other.example.com").firstByte()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    @DisplayName("may name an upstream that no list holds")
    void unusedUrl() {
      UpstreamTimeouts timeouts = load(overrides("url: 'https://not-in-any-list.example.com', idle: 1s"),
          Map.of("MIRROR_UPSTREAM", "https://proxy.golang.org,direct")).upstreamTimeouts();
      assertThat(timeouts.overrides()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "first-byte: 1s"
              + " | config error: upstream-timeouts.overrides[0].url: missing (each entry needs url)",
          "url: '', idle: 1s | config error: upstream-timeouts.overrides[0].url: must not be empty",
          "url: direct, idle: 1s"
              + " | config error: upstream-timeouts.overrides[0].url: must be an upstream proxy URL;"
              + " direct has no timeouts to set",
          "url: 'https://a.example.com,https://b.example.com', idle: 1s"
              + " | config error: upstream-timeouts.overrides[0].url: must be one upstream URL, not a GOPROXY"
              + " list; write one entry per upstream",
          "url: 'ftp://a.example.com', idle: 1s"
              + " | config error: upstream-timeouts.overrides[0].url: unsupported upstream URL scheme",
          "url: 'https://a.example.com/?x=1', idle: 1s"
              + " | config error: upstream-timeouts.overrides[0].url: upstream URL \"https://a.example.com/?x=1\""
              + " must not have a query or fragment",
          "url: proxy, idle: 1s"
              + " | config error: upstream-timeouts.overrides[0].url: unknown GOPROXY keyword \"proxy\"",
          "url: 'https://a.example.com'"
              + " | config error: upstream-timeouts.overrides[0]: sets no timeout; give at least one of"
              + " connect, first-byte, idle, total",
          "url: 'https://a.example.com', total: 0s"
              + " | config error: upstream-timeouts.overrides[0].total: must be a positive duration",
          "url: 'https://a.example.com', first-byte: fast"
              + " | config error: upstream-timeouts.overrides[0].first-byte: invalid duration \"fast\"",
          "url: 'https://a.example.com', firstbyte: 1s"
              + " | config error: unknown key \"upstream-timeouts.overrides[0].firstbyte\" (did you mean"
              + " \"upstream-timeouts.overrides[0].first-byte\"?)",
        })
    @DisplayName("refuse bad entries naming the entry's key")
    void refused(String entry, String message) {
      loading(overrides(entry)).hasMessageStartingWith(message);
    }

    @Test
    @DisplayName("refuse a list with | as the URL")
    void pipeList() {
      loading(overrides("url: 'https://a.example.com|direct', idle: 1s"))
          .hasMessage("config error: upstream-timeouts.overrides[0].url: must be one upstream URL, not a GOPROXY"
              + " list; write one entry per upstream");
    }

    @Test
    @DisplayName("refuse the same upstream twice, also when written differently")
    void duplicate() {
      loading(overrides("url: 'https://a.example.com', idle: 1s", "url: 'a.example.com/', connect: 1s"))
          .hasMessage("config error: upstream-timeouts.overrides[1].url: the same upstream is already in"
              + " upstream-timeouts.overrides[0]; merge the two entries");
    }

    @Test
    @DisplayName("never echo the password of a URL's user information")
    void redacted() {
      loading(overrides("url: 'https://bot:hunter2@a.example.com?x', idle: 1s"))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
      UpstreamTimeouts timeouts =
          load(overrides("url: 'https://bot:hunter2@a.example.com', idle: 1s"), Map.of()).upstreamTimeouts();
      assertThat(timeouts.toString()).doesNotContain("hunter2");
      assertThat(timeouts.forUpstream("https://bot:hunter2@a.example.com").idle()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("come from the file only: the environment variable is an error")
    void notFromEnvironment() {
      assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
              Map.of("MIRROR_UPSTREAM_TIMEOUTS_OVERRIDES", "url=https://a.example.com")))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("upstream-timeouts.overrides is a list and can only be set in the configuration file");
    }

    @Test
    @DisplayName("must be a list of mappings")
    void shape() {
      loading("upstream-timeouts:\n  overrides: https://a.example.com\n")
          .hasMessage("config error: upstream-timeouts.overrides: expected a list of mappings with keys url,"
              + " connect, first-byte, idle, total, found a value");
    }
  }
}
