package io.goproxymirror.mirror.fetch.git.locate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeUrlTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "https://github.com/acme/x|https://github.com/acme/x",
      "https://user:pw@github.com/acme/x|https://***@github.com/acme/x",
      "https://tok@en@host:8443|https://***@host:8443",
      "ssh://git@host/x@y|ssh://***@host/x@y",
      "https://host/x@y|https://host/x@y",
      "git@github.com:acme/x.git|***@github.com:acme/x.git",
      "weird:user:pw@x|***@x",
  })
  void redactsCredentials(String url, String safe) {
    assertThat(SafeUrl.redact(url)).isEqualTo(safe);
  }
}
