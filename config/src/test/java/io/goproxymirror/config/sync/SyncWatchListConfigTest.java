package io.goproxymirror.config.sync;

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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("sync.watchlist and sync.watchlist-check")
class SyncWatchListConfigTest {

  @TempDir Path dir;

  private Path watchList(String yaml) throws IOException {
    return Files.writeString(dir.resolve("watchlist.yaml"), yaml);
  }

  private MirrorConfig loadFile(String yaml) {
    return ConfigLoader.load(Optional.of(ConfigFiles.write(dir, yaml)), Map.of());
  }

  @Test
  @DisplayName("default to no watch list, checked every 2s")
  void defaults() {
    assertThat(ConfigLoader.defaults().syncWatchList())
        .isEqualTo(new SyncWatchListConfig(Optional.empty(), Duration.ofSeconds(2)));
  }

  @Test
  @DisplayName("come from the file, and the watch list is read and checked")
  void fromFile() throws IOException {
    Path list = watchList("modules:\n  - {path: github.com/a/b, versions: all}\n");

    MirrorConfig c = loadFile("sync:\n  watchlist: " + list + "\n  watchlist-check: 500ms\n");

    assertThat(c.syncWatchList()).isEqualTo(new SyncWatchListConfig(Optional.of(list), Duration.ofMillis(500)));
    assertThat(c.toString()).contains("syncWatchList=SyncWatchListConfig[file=Optional[" + list + "]");
  }

  @Test
  @DisplayName("come from MIRROR_WATCHLIST, which wins over MIRROR_SYNC_WATCHLIST")
  void fromEnvironment() throws IOException {
    Path list = watchList("modules: []\n");
    Path other = Files.writeString(dir.resolve("other.yaml"), "modules: []\n");

    MirrorConfig c =
        ConfigLoader.load(
            Optional.empty(),
            Map.of(
                "MIRROR_WATCHLIST", list.toString(),
                "MIRROR_SYNC_WATCHLIST", other.toString(),
                "MIRROR_SYNC_WATCHLIST_CHECK", "10s"));

    assertThat(c.syncWatchList()).isEqualTo(new SyncWatchListConfig(Optional.of(list), Duration.ofSeconds(10)));
  }

  @Test
  @DisplayName("stop the load when the watch list is missing")
  void missingWatchList() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("MIRROR_WATCHLIST", missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config error: sync.watchlist (" + missing + "): file not found");
  }

  @Test
  @DisplayName("stop the load when the watch list is invalid, naming entry and key")
  void invalidWatchList() throws IOException {
    Path list = watchList("modules:\n  - {path: github.com/a/b, versions: newest}\n");
    assertThatThrownBy(() -> loadFile("sync:\n  watchlist: " + list + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "config error: sync.watchlist (" + list + "): modules[0].versions: unknown version policy \"newest\"");
  }

  @Test
  @DisplayName("reject a check interval that is not a positive duration")
  void badCheckInterval() {
    assertThatThrownBy(() -> loadFile("sync:\n  watchlist-check: 0s\n"))
        .hasMessageStartingWith("config error: sync.watchlist-check: must be a positive duration");
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), Map.of("MIRROR_SYNC_WATCHLIST_CHECK", "often")))
        .hasMessageStartingWith(
            "config error: MIRROR_SYNC_WATCHLIST_CHECK (sync.watchlist-check): invalid duration \"often\"");
  }

  @Test
  @DisplayName("suggest the key for a misspelt one")
  void misspelt() {
    assertThatThrownBy(() -> loadFile("sync:\n  watch-list: /tmp/w.yaml\n"))
        .hasMessage("config error: unknown key \"sync.watch-list\" (did you mean \"sync.watchlist\"?)");
  }
}
