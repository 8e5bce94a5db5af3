package io.goproxymirror.mirror.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("redacted text for log lines")
class RedactedTextTest {

  @Test
  @DisplayName("URL user information, Authorization values, secret pairs and known tokens become ***")
  void secrets() {
    String text = RedactedText.of("GET https://bob:hunter2@db.example/x Authorization: Bearer abcdef123456"
        + " password=pw1234 {\"api_key\":\"k-99\"} ghp_0123456789abcdefghij AKIAABCDEFGHIJKLMNOP"
        + " eyJhbGciOi.eyJzdWIiOi.c2ln ZGVhZGJlZWZkZWFkYmVlZmRlYWRiZWVmMTIzNDU2");
    assertThat(text).doesNotContain("bob", "hunter2", "abcdef123456", "pw1234", "k-99", "ghp_", "AKIA", "eyJ",
        "ZGVhZGJl");
    assertThat(text).contains("GET https://***@db.example/x", "password=***");
  }

  @Test
  @DisplayName("ordinary words, module paths and versions stay readable")
  void ordinaryText() {
    String text = "not found: example.com/some/module@v1.2.3-0.20240102030405-abcdef123456: unknown revision";
    assertThat(RedactedText.of(text)).isEqualTo(text);
  }

  @Test
  @DisplayName("a line is the first line, printable, quotes replaced and cut to the bound")
  void line() {
    assertThat(RedactedText.line("first \"quoted\"\tline\nsecond", false, 200)).isEqualTo("first 'quoted'?line");
    assertThat(RedactedText.line("a".repeat(300), false, 200)).hasSize(203).endsWith("...");
    assertThat(RedactedText.line("error token ghp_0123", true, 200)).isEqualTo("error token");
  }
}
