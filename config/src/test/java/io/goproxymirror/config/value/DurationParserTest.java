package io.goproxymirror.config.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("DurationParser")
class DurationParserTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "500ms, PT0.5S",
    "30s, PT30S",
    "10m, PT10M",
    "1h, PT1H",
    "2h30m, PT2H30M",
    "1h2m3s4ms, PT1H2M3.004S",
    "1.5h, PT1H30M",
    ".5s, PT0.5S",
    "250us, PT0.00025S",
    "7ns, PT0.000000007S",
    "PT10M, PT10M",
    "pt10m, PT10M",
    "P1DT2H, PT26H",
    "' 30s ', PT30S",
    "-5s, PT-5S",
  })
  @DisplayName("reads Go-style and ISO-8601 durations")
  void readsDurations(String text, String expected) {
    assertThat(DurationParser.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"30", "0", "1.5"})
  @DisplayName("rejects a bare number as ambiguous")
  void rejectsBareNumbers(String text) {
    assertThatThrownBy(() -> DurationParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid duration \"" + text + "\"")
        .hasMessageContaining("add a unit")
        .hasMessageEndingWith("(use 30s, 10m, 1h, 500ms)");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"abc", "10x", "1h 30m", "h", "s10", "PT", "P1X", "10 m", "--5s", "1d"})
  @DisplayName("rejects malformed text with the accepted forms as a hint")
  void rejectsMalformed(String text) {
    assertThatThrownBy(() -> DurationParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid duration \"" + text + "\" (use 30s, 10m, 1h, 500ms)");
  }

  @Test
  @DisplayName("rejects empty text")
  void rejectsEmpty() {
    assertThatThrownBy(() -> DurationParser.parse("  "))
        .hasMessage("empty duration (use 30s, 10m, 1h, 500ms)");
  }

  @Test
  @DisplayName("rejects a duration too large to represent")
  void rejectsOverflow() {
    assertThatThrownBy(() -> DurationParser.parse("99999999999h"))
        .hasMessageContaining("too large");
  }
}
