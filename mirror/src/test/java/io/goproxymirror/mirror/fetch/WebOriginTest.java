package io.goproxymirror.mirror.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the origin credentials are bound to")
class WebOriginTest {

  @Test
  @DisplayName("scheme, host and port, the scheme's default port filled in, case ignored")
  void sameOrigin() {
    assertThat(WebOrigin.of("https://Proxy.Corp.example/a")).isEqualTo(WebOrigin.of("https://proxy.corp.example:443/b"));
    assertThat(WebOrigin.of("http://alice:pw@127.0.0.1:8080/x")).isEqualTo(WebOrigin.of("http://127.0.0.1:8080/"));
  }

  @Test
  @DisplayName("another scheme, host or port is another origin")
  void otherOrigins() {
    var origin = WebOrigin.of("https://proxy.corp.example/a");
    assertThat(WebOrigin.of("http://proxy.corp.example/a")).isNotEqualTo(origin);
    assertThat(WebOrigin.of("https://proxy.corp.example:8443/a")).isNotEqualTo(origin);
    assertThat(WebOrigin.of("https://proxy.corp.example.evil.example/a")).isNotEqualTo(origin);
    assertThat(WebOrigin.of("http://localhost:19097/")).isNotEqualTo(WebOrigin.of("http://127.0.0.1:19097/"));
  }

  @Test
  @DisplayName("no origin for what is not an absolute http(s) URL")
  void none() {
    assertThat(WebOrigin.of("git@github.com:acme/x.git")).isEmpty();
    assertThat(WebOrigin.of("ssh://git@github.com/acme/x")).isEmpty();
    assertThat(WebOrigin.of("/relative")).isEmpty();
    assertThat(WebOrigin.of("http://[bad")).isEmpty();
  }
}
