package io.goproxymirror.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

@DisplayName("admin.token and sync.leader-ttl")
class AdminAndLeaderConfigTest {
  private static final String TOKEN = "s3cr3t-admin-token-0123456789";

  @TempDir Path dir;

  private MirrorConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.load(Optional.of(ConfigFiles.write(dir, yaml)), env);
  }

  @Test
  @DisplayName("defaults: the admin API is off and the leader lock lives 15 s")
  void defaults() {
    MirrorConfig config = load("{}\n", Map.of());
    assertThat(config.admin().token()).isEmpty();
    assertThat(config.syncLeaderTtl()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  @DisplayName("takes the token from MIRROR_ADMIN_TOKEN (over the file) and never prints it")
  void tokenFromEnvironment() {
    MirrorConfig config = load("admin:\n  token: from-the-file-0123456789\n", Map.of("MIRROR_ADMIN_TOKEN", TOKEN));
    assertThat(config.admin().token()).contains(TOKEN);
    assertThat(config.toString()).doesNotContain(TOKEN).contains("AdminConfig[token=(set)]");
  }

  @Test
  @DisplayName("takes the token from the file through ${VAR}")
  void tokenFromFileWithVariable() {
    MirrorConfig config = load("admin:\n  token: ${ADMIN_SECRET}\n", Map.of("ADMIN_SECRET", TOKEN));
    assertThat(config.admin().token()).contains(TOKEN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "short-token | config error: MIRROR_ADMIN_TOKEN (admin.token): must be at least 16 characters",
        "'has a space inside it!!' | config error: MIRROR_ADMIN_TOKEN (admin.token): must not contain white space",
      })
  @DisplayName("refuses weak or malformed tokens without echoing them")
  void badToken(String token, String message) {
    assertThatThrownBy(() -> load("{}\n", Map.of("MIRROR_ADMIN_TOKEN", token)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
  }

  @Test
  @DisplayName("reads sync.leader-ttl and refuses a zero TTL")
  void leaderTtl() {
    assertThat(load("sync:\n  leader-ttl: 3s\n", Map.of()).syncLeaderTtl()).isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> load("sync:\n  leader-ttl: 0s\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config error: sync.leader-ttl: must be a positive duration");
  }
}
