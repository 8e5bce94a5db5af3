package io.goproxymirror.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import io.goproxymirror.gomod.PathPatterns;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("private (GOPRIVATE globs)")
class PrivateKeyTest {

  @TempDir Path dir;

  @Test
  @DisplayName("is empty by default and loads comma-separated, without blanks and empty entries")
  void loads() {
    assertThat(ConfigLoader.defaults().privatePatterns().isEmpty()).isTrue();
    Path file =
        ConfigFiles.write(dir, "private: \" *.corp.example.com , ,github.com/acme/*,rsc.io/\"\n");

    MirrorConfig c = ConfigLoader.load(Optional.of(file), Map.of());

    assertThat(c.privatePatterns())
        .hasToString("*.corp.example.com,github.com/acme/*,rsc.io")
        .isEqualTo(PathPatterns.parse("*.corp.example.com,github.com/acme/*,rsc.io"));
    assertThat(c.privatePatterns().matches("git.corp.example.com/team/lib")).isTrue();
    assertThat(c.privatePatterns().matches("github.com/acme")).isFalse();
    assertThat(c.toString())
        .contains("privatePatterns=*.corp.example.com,github.com/acme/*,rsc.io,");
  }

  @Test
  @DisplayName("is overridden by MIRROR_PRIVATE, with the same checks")
  void environment() {
    MirrorConfig c =
        ConfigLoader.load(
            Optional.of(ConfigFiles.write(dir, "private: a.example.com\n")),
            Map.of("MIRROR_PRIVATE", "b.example.com/*,c.example.com"));

    assertThat(c.privatePatterns()).hasToString("b.example.com/*,c.example.com");
    assertThat(c.privatePatterns().matches("a.example.com/x")).isFalse();
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), Map.of("MIRROR_PRIVATE", "ok.example,[x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config error: MIRROR_PRIVATE (private): invalid pattern \"[x\":"
                + " unterminated character class (missing ])");
  }

  @Test
  @DisplayName("names the key and the bad glob in file errors")
  void fileErrors() {
    Path bad = ConfigFiles.write(dir, "private: \"*.corp.example.com,git.example.com/[^]\"\n");
    Path spaced = ConfigFiles.write(dir, "private: \"a.example.com b.example.com\"\n");
    Path reversed = ConfigFiles.write(dir, "private: \"[z-a].example.com\"\n");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(bad), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config error: private: invalid pattern \"git.example.com/[^]\": empty character class []");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(spaced), Map.of()))
        .hasMessage(
            "config error: private: invalid pattern \"a.example.com b.example.com\":"
                + " contains white space (separate with commas)");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(reversed), Map.of()))
        .hasMessage("config error: private: invalid pattern \"[z-a].example.com\": empty range z-a");
  }
}
