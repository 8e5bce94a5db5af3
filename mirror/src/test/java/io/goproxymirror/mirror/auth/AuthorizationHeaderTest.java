package io.goproxymirror.mirror.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the Authorization header")
class AuthorizationHeaderTest {
  static String basic(String name, String token) {
    return "Basic " + Base64.getEncoder().encodeToString((name + ":" + token).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("reads Basic (name and token, the token may hold colons) and Bearer, scheme in any case")
  void reads() {
    assertThat(AuthorizationHeader.parse(basic("ci-bot", "to:ken"))).contains(new Credentials.Basic("ci-bot", "to:ken"));
    assertThat(AuthorizationHeader.parse("bearer abc-DEF_123.x~y+z/=")).contains(new Credentials.Bearer("abc-DEF_123.x~y+z/="));
    assertThat(AuthorizationHeader.parse("BASIC " + basic("a", "b").substring(6))).contains(new Credentials.Basic("a", "b"));
    assertThat(AuthorizationHeader.parse(null)).isEmpty();
    assertThat(AuthorizationHeader.parse("  ")).isEmpty();
  }

  @Test
  @DisplayName("refuses malformed, unsupported and too long headers with a typed reason")
  void refuses() {
    assertThat(reason("Basic !!!")).isEqualTo(FailureReason.MALFORMED);
    assertThat(reason("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(FailureReason.MALFORMED);
    assertThat(reason(basic("", "token"))).isEqualTo(FailureReason.MALFORMED);
    assertThat(reason(basic("name", ""))).isEqualTo(FailureReason.MALFORMED);
    assertThat(reason("Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 'x'})))
        .isEqualTo(FailureReason.MALFORMED);
    assertThat(reason("Bearer")).isEqualTo(FailureReason.MALFORMED);
    assertThat(reason("Bearer two words")).isEqualTo(FailureReason.MALFORMED);
    assertThat(reason("Digest username=x")).isEqualTo(FailureReason.UNSUPPORTED_SCHEME);
    assertThat(reason("Bearer " + "a".repeat(AuthorizationHeader.MAX_CHARS))).isEqualTo(FailureReason.TOO_LONG);
  }

  @Test
  @DisplayName("never shows the token in toString or a failure message")
  void redacts() {
    assertThat(new Credentials.Basic("ci-bot", "sekret-token").toString()).doesNotContain("sekret-token").contains("ci-bot");
    assertThat(new Credentials.Bearer("sekret-token").toString()).doesNotContain("sekret-token");
    AuthFailureException e = catchThrowableOfType(() -> AuthorizationHeader.parse("Bearer sekret token"),
        AuthFailureException.class);
    assertThat(e.getMessage()).doesNotContain("sekret");
  }

  private static FailureReason reason(String header) {
    return catchThrowableOfType(() -> AuthorizationHeader.parse(header), AuthFailureException.class).reason();
  }
}
