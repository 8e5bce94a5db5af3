package io.goproxymirror.config.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ByteSizeParser")
class ByteSizeParserTest {

  @ParameterizedTest(name = "{0} is {1} bytes")
  @CsvSource({
    "0, 0",
    "67108864, 67108864",
    "100B, 100",
    "512KiB, 524288",
    "64MiB, 67108864",
    "1GiB, 1073741824",
    "2TiB, 2199023255552",
    "64 MiB, 67108864",
    "64mib, 67108864",
    "' 8KiB ', 8192",
  })
  @DisplayName("reads plain bytes and binary suffixes")
  void readsSizes(String text, long expected) {
    assertThat(ByteSizeParser.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"64MB", "1GB", "10k", "5M"})
  @DisplayName("rejects decimal or one-letter units as ambiguous")
  void rejectsAmbiguousUnits(String text) {
    assertThatThrownBy(() -> ByteSizeParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is ambiguous, use KiB, MiB or GiB");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "abc", "-1", "1.5GiB", "10 PiB", "MiB"})
  @DisplayName("rejects malformed sizes with a hint")
  void rejectsMalformed(String text) {
    assertThatThrownBy(() -> ByteSizeParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid size \"" + text + "\"")
        .hasMessageContaining("64MiB");
  }

  @Test
  @DisplayName("rejects sizes that overflow a long")
  void rejectsOverflow() {
    assertThatThrownBy(() -> ByteSizeParser.parse("9999999999TiB")).hasMessageContaining("too large");
    assertThatThrownBy(() -> ByteSizeParser.parse("99999999999999999999"))
        .hasMessageContaining("too large");
  }
}
