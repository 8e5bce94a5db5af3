package io.goproxymirror.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("private (GOPRIVATE globs)")
class PathGlobTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "*.corp.example.com",
        "github.com/acme/*",
        "git.corp.example.com/team?",
        "[a-z]*.example.com",
        "[^x]y",
        "[a-cx-z0-9_]",
        "a\\*b",
        "[\\]]x",
        "[\\-]x",
        "[\\^a-b]x",
        "é[é-ü]x",
        "*",
      })
  @DisplayName("accepts Go path.Match syntax")
  void accepts(String glob) {
    assertThatCode(() -> PathGlob.check(glob)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "corp/[abc | invalid pattern \"corp/[abc\": unterminated character class (missing ])",
        "[a-      | invalid pattern \"[a-\": unterminated character class (missing ])",
        "[]x      | invalid pattern \"[]x\": empty character class []",
        "[^]x     | invalid pattern \"[^]x\": empty character class []",
        "[-a]x    | invalid pattern \"[-a]x\": unescaped - in character class (write \\-)",
        "[a-]x    | invalid pattern \"[a-]x\": range a- has no end (write \\- for a literal -)",
        "[z-a]x   | invalid pattern \"[z-a]x\": empty range z-a",
        "abc\\    | invalid pattern \"abc\\\": ends with a lone \\",
        "[a\\     | invalid pattern \"[a\\\": unterminated character class (missing ])",
        "[        | invalid pattern \"[\": unterminated character class (missing ])",
      })
  @DisplayName("rejects what path.Match reports as a bad pattern, naming it")
  void rejects(String glob, String message) {
    assertThatThrownBy(() -> PathGlob.check(glob))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  @DisplayName("is empty by default and loads comma-separated, without blanks and empty entries")
  void loads() {
    assertThat(ConfigLoader.defaults().privatePatterns()).isEmpty();
    Path file =
        ConfigFiles.write(dir, "private: \" *.corp.example.com , ,github.com/acme/*,\"\n");

    MirrorConfig c = ConfigLoader.load(Optional.of(file), Map.of());

    assertThat(c.privatePatterns()).isEqualTo("*.corp.example.com,github.com/acme/*");
    assertThat(c.toString()).contains("privatePatterns=*.corp.example.com,github.com/acme/*");
  }

  @Test
  @DisplayName("is overridden by MIRROR_PRIVATE, with the same checks")
  void environment() {
    MirrorConfig c =
        ConfigLoader.load(
            Optional.of(ConfigFiles.write(dir, "private: a.example.com\n")),
            Map.of("MIRROR_PRIVATE", "b.example.com/*,c.example.com"));

    assertThat(c.privatePatterns()).isEqualTo("b.example.com/*,c.example.com");
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

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(bad), Map.of()))
        .hasMessage(
            "config error: private: invalid pattern \"git.example.com/[^]\": empty character class []");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(spaced), Map.of()))
        .hasMessage(
            "config error: private: invalid pattern \"a.example.com b.example.com\":"
                + " contains white space (separate with commas)");
  }
}
