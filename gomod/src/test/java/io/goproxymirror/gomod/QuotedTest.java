package io.goproxymirror.gomod;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuotedTest {
  @Test
  @DisplayName("JSON strings are escaped as Go's encoding/json writes them")
  void jsonLikeEncodingJson() {
    // json.Marshal("a<b>&c\u2028\"\\\n\r\t\x01é") in Go
    assertThat(Quoted.json("a<b>&c\u2028\"\\\n\r\t\u0001é"))
        .isEqualTo("\"a\\u003cb\\u003e\\u0026c\\u2028\\\"\\\\\\n\\r\\t\\u0001é\"");
    assertThat(Quoted.json("")).isEqualTo("\"\"");
  }

  @Test
  @DisplayName("error-message quoting is printable ASCII on one line")
  void errorMessagesArePrintableAscii() {
    assertThat(Quoted.of("a\"b\\\n\u0001é\uD83D\uDE00")).isEqualTo("\"a\\\"b\\\\\\n\\x01\\u00e9\\U0001f600\"");
    assertThat(Quoted.ofChar('\'')).isEqualTo("'\\''");
    assertThat(Quoted.ofChar('"')).isEqualTo("'\"'");
  }

  @Test
  @DisplayName("error-message quoting cuts long strings, JSON quoting does not")
  void onlyErrorMessagesAreCut() {
    String longText = "x".repeat(500);
    assertThat(Quoted.bare(longText)).hasSize(164).endsWith("...");
    assertThat(Quoted.json(longText)).hasSize(502);
  }
}
