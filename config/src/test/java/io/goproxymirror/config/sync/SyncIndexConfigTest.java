package io.goproxymirror.config.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.ConfigFiles;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("sync.index.*")
class SyncIndexConfigTest {

  @TempDir Path dir;

  @Test
  @DisplayName("defaults tail index.golang.org every minute, 2000 entries a page, from the first start")
  void defaults() {
    SyncIndexConfig index = ConfigLoader.defaults().syncIndex();
    assertThat(index.enabled()).isTrue();
    assertThat(index.url()).isEqualTo(URI.create("https://index.golang.org/index"));
    assertThat(index.pollInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(index.since()).isEmpty();
    assertThat(index.limit()).isEqualTo(2000);
  }

  @Test
  @DisplayName("reads the file")
  void file() {
    Path file = ConfigFiles.write(dir, """
        sync:
          index:
            enabled: false
            url: http://127.0.0.1:8080/index?include=all
            poll-interval: 5m
            since: "2019-04-10T12:08:52.997264-07:00"
            limit: 500
        """);
    SyncIndexConfig index = ConfigLoader.load(Optional.of(file), Map.of()).syncIndex();
    assertThat(index.enabled()).isFalse();
    assertThat(index.url()).isEqualTo(URI.create("http://127.0.0.1:8080/index?include=all"));
    assertThat(index.pollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(index.since()).contains(Instant.parse("2019-04-10T19:08:52.997264Z"));
    assertThat(index.limit()).isEqualTo(500);
  }

  @Test
  @DisplayName("reads the environment variables")
  void environment() {
    SyncIndexConfig index = ConfigLoader.load(Optional.empty(), Map.of(
        "MIRROR_SYNC_INDEX_ENABLED", "FALSE",
        "MIRROR_SYNC_INDEX_URL", "https://index.corp.example.com/feed",
        "MIRROR_SYNC_INDEX_POLL_INTERVAL", "30s",
        "MIRROR_SYNC_INDEX_SINCE", "2024-01-01T00:00:00Z",
        "MIRROR_SYNC_INDEX_LIMIT", "1")).syncIndex();
    assertThat(index.enabled()).isFalse();
    assertThat(index.url()).isEqualTo(URI.create("https://index.corp.example.com/feed"));
    assertThat(index.pollInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(index.since()).contains(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(index.limit()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "MIRROR_SYNC_INDEX_LIMIT | 0 | MIRROR_SYNC_INDEX_LIMIT (sync.index.limit): must be between 1 and 2000, got 0",
      "MIRROR_SYNC_INDEX_LIMIT | 2001 | MIRROR_SYNC_INDEX_LIMIT (sync.index.limit): must be between 1 and 2000, got 2001",
      "MIRROR_SYNC_INDEX_LIMIT | many | MIRROR_SYNC_INDEX_LIMIT (sync.index.limit): expected a whole number, got \"many\"",
      "MIRROR_SYNC_INDEX_POLL_INTERVAL | 0s | MIRROR_SYNC_INDEX_POLL_INTERVAL (sync.index.poll-interval): must be a positive duration",
      "MIRROR_SYNC_INDEX_POLL_INTERVAL | 60 | MIRROR_SYNC_INDEX_POLL_INTERVAL (sync.index.poll-interval): invalid duration \"60\": a bare number is ambiguous",
      "MIRROR_SYNC_INDEX_ENABLED | yes | MIRROR_SYNC_INDEX_ENABLED (sync.index.enabled): must be true or false; got \"yes\"",
      "MIRROR_SYNC_INDEX_SINCE | 2024-01-01 | MIRROR_SYNC_INDEX_SINCE (sync.index.since): must be an RFC 3339 time with an offset, such as 2024-01-01T00:00:00Z; got \"2024-01-01\"",
      "MIRROR_SYNC_INDEX_SINCE | 2024-01-01T00:00:00 | MIRROR_SYNC_INDEX_SINCE (sync.index.since): must be an RFC 3339 time with an offset",
      "MIRROR_SYNC_INDEX_URL | ftp://index.example.com/index | MIRROR_SYNC_INDEX_URL (sync.index.url): must be an http or https URL",
      "MIRROR_SYNC_INDEX_URL | index.golang.org/index | MIRROR_SYNC_INDEX_URL (sync.index.url): must be an http or https URL",
      "MIRROR_SYNC_INDEX_URL | https://index.golang.org/index#top | MIRROR_SYNC_INDEX_URL (sync.index.url): must not have a fragment",
      "MIRROR_SYNC_INDEX_URL | https://index.golang.org/index?since=2024-01-01T00:00:00Z | MIRROR_SYNC_INDEX_URL (sync.index.url): must not set since in its query",
      "MIRROR_SYNC_INDEX_URL | https://index.golang.org/index?include=all&limit=10 | MIRROR_SYNC_INDEX_URL (sync.index.url): must not set limit in its query",
      "MIRROR_SYNC_INDEX_URL | https://index.golang.org/ index | MIRROR_SYNC_INDEX_URL (sync.index.url): must be an http or https URL such as https://index.golang.org/index (Illegal character in path)",
  })
  @DisplayName("refuses invalid values with a message naming the variable, the key and the reason")
  void refuses(String variable, String value, String message) {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config error: " + message);
  }

  @Test
  @DisplayName("refuses user information in the URL without echoing it")
  void refusesUserinfo() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
            Map.of("MIRROR_SYNC_INDEX_URL", "https://bob:hunter2@index.corp.example.com/index")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config error: MIRROR_SYNC_INDEX_URL (sync.index.url): must not contain user information")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  @DisplayName("an unknown key under sync.index is refused with a suggestion")
  void unknownKey() {
    Path file = ConfigFiles.write(dir, "sync:\n  index:\n    poll-intervall: 5m\n");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sync.index.poll-interval");
  }
}
