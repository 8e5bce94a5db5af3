package io.goproxymirror.mirror.auth.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("new tokens")
class NewTokenTest {
  @Test
  @DisplayName("are 32 random bytes, URL-safe, and the entry printed admits them")
  void entryAdmitsToken() {
    NewToken token = NewToken.generate("ci-bot", List.of("ci", "developers"), new SecureRandom());
    assertThat(token.token()).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(token.token())).hasSize(32);
    Users users = UsersFile.parse(("users:\n" + token.usersFileEntry()).getBytes(StandardCharsets.UTF_8), "entry");
    assertThat(users.checkBasic("ci-bot", token.token()).orElseThrow().groups())
        .containsExactlyInAnyOrder("ci", "developers");
    assertThat(token.toString()).doesNotContain(token.token());
    assertThat(NewToken.generate("ci-bot", List.of(), new SecureRandom()).token()).isNotEqualTo(token.token());
  }

  @Test
  @DisplayName("refuses names and groups the users file would refuse")
  void refuses() {
    assertThatThrownBy(() -> NewToken.generate("a:b", List.of(), new SecureRandom())).hasMessageContaining("name");
    assertThatThrownBy(() -> NewToken.generate("ok", List.of("a b"), new SecureRandom())).hasMessageContaining("group");
  }
}
