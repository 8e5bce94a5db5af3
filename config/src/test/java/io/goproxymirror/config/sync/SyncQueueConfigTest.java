package io.goproxymirror.config.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.ConfigFiles;
import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("sync.queue.* and sync.expansion.*")
class SyncQueueConfigTest {

  @TempDir Path dir;

  private MirrorConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.load(Optional.of(ConfigFiles.write(dir, yaml)), env);
  }

  @Test
  @DisplayName("default to a queue of 10000, 4 at once, 5 retries from 2s up to 5m, expansion 3 deep")
  void defaults() {
    MirrorConfig c = ConfigLoader.defaults();

    assertThat(c.syncQueue())
        .isEqualTo(new SyncQueueConfig(10_000, 4, 5, Duration.ofSeconds(2), Duration.ofMinutes(5)));
    assertThat(c.syncExpansion()).isEqualTo(new SyncExpansionConfig(true, 3));
  }

  @Test
  @DisplayName("are read from the file")
  void fromFile() {
    MirrorConfig c =
        load(
            "sync:\n  queue:\n    max: 50\n    concurrency: 2\n    retries: 0\n"
                + "    backoff: 100ms\n    max-backoff: 1s\n"
                + "  expansion:\n    enabled: false\n    depth: 7\n",
            Map.of());

    assertThat(c.syncQueue())
        .isEqualTo(new SyncQueueConfig(50, 2, 0, Duration.ofMillis(100), Duration.ofSeconds(1)));
    assertThat(c.syncExpansion()).isEqualTo(new SyncExpansionConfig(false, 7));
  }

  @Test
  @DisplayName("are overridden by MIRROR_SYNC_* variables")
  void fromEnvironment() {
    MirrorConfig c =
        load(
            "sync:\n  queue:\n    max: 50\n",
            Map.of(
                "MIRROR_SYNC_QUEUE_MAX", "60",
                "MIRROR_SYNC_QUEUE_CONCURRENCY", "8",
                "MIRROR_SYNC_QUEUE_RETRIES", "9",
                "MIRROR_SYNC_QUEUE_BACKOFF", "3s",
                "MIRROR_SYNC_QUEUE_MAX_BACKOFF", "1h",
                "MIRROR_SYNC_EXPANSION_ENABLED", "FALSE",
                "MIRROR_SYNC_EXPANSION_DEPTH", "1"));

    assertThat(c.syncQueue())
        .isEqualTo(new SyncQueueConfig(60, 8, 9, Duration.ofSeconds(3), Duration.ofHours(1)));
    assertThat(c.syncExpansion()).isEqualTo(new SyncExpansionConfig(false, 1));
  }

  @Test
  @DisplayName("accept a max-backoff equal to the backoff")
  void equalBackoffs() {
    MirrorConfig c = load("sync:\n  queue:\n    backoff: 10s\n    max-backoff: 10s\n", Map.of());

    assertThat(c.syncQueue().maxBackoff()).isEqualTo(Duration.ofSeconds(10));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sync:\\n  queue:\\n    max: 0 | config error: sync.queue.max: must be at least 1, got 0",
        "sync:\\n  queue:\\n    max: many | config error: sync.queue.max: expected a whole number, got \"many\"",
        "sync:\\n  queue:\\n    concurrency: 0 | config error: sync.queue.concurrency: must be between 1 and 256, got 0",
        "sync:\\n  queue:\\n    concurrency: 257 | config error: sync.queue.concurrency: must be between 1 and 256, got 257",
        "sync:\\n  queue:\\n    retries: -1 | config error: sync.queue.retries: must be between 0 and 100, got -1",
        "sync:\\n  queue:\\n    backoff: 0s | config error: sync.queue.backoff: must be a positive duration, got \"0s\"",
        "sync:\\n  queue:\\n    backoff: 2 | config error: sync.queue.backoff: invalid duration \"2\"",
        "sync:\\n  queue:\\n    max-backoff: -5m | config error: sync.queue.max-backoff: must be a positive duration",
        "sync:\\n  queue:\\n    backoff: 10s\\n    max-backoff: 5s | config error: sync.queue.max-backoff: must be at least sync.queue.backoff (10s), got 5s",
        "sync:\\n  expansion:\\n    enabled: yes please | config error: sync.expansion.enabled: must be true or false; got \"yes please\"",
        "sync:\\n  expansion:\\n    depth: 0 | config error: sync.expansion.depth: must be between 1 and 100, got 0",
        "sync:\\n  expansion:\\n    deep: 2 | config error: unknown key \"sync.expansion.deep\"",
      })
  @DisplayName("refuse invalid values naming the key")
  void invalid(String yaml, String message) {
    assertThatThrownBy(() -> load(yaml.replace("\\n", "\n"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  @DisplayName("name the variable when a max-backoff from the environment is below the backoff")
  void backoffOrderFromEnvironment() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Optional.empty(), Map.of("MIRROR_SYNC_QUEUE_MAX_BACKOFF", "1s")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config error: MIRROR_SYNC_QUEUE_MAX_BACKOFF (sync.queue.max-backoff): "
                + "must be at least sync.queue.backoff (2s), got 1s");
  }
}
