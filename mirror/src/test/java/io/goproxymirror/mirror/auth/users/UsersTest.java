package io.goproxymirror.mirror.auth.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("token checks")
class UsersTest {
  private final Users users = new Users(List.of(
      new User("ci-bot", TokenHash.of("ci-token"), Set.of("ci")),
      new User("dev", TokenHash.of("dev-token"), Set.of())));

  @Test
  @DisplayName("Basic: the user's own token only")
  void basic() {
    assertThat(users.checkBasic("ci-bot", "ci-token")).map(User::name).contains("ci-bot");
    assertThat(users.checkBasic("ci-bot", "dev-token")).isEmpty();
    assertThat(users.checkBasic("nobody", "ci-token")).isEmpty();
    assertThat(users.checkBasic("ci-bot", "")).isEmpty();
  }

  @Test
  @DisplayName("Bearer: the user is found by the token's hash")
  void bearer() {
    assertThat(users.checkBearer("dev-token")).map(User::name).contains("dev");
    assertThat(users.checkBearer("ci-token")).map(User::name).contains("ci-bot");
    assertThat(users.checkBearer("guess")).isEmpty();
  }

  @Test
  @DisplayName("keeps no duplicate names or token hashes, and shows no hash in toString")
  void invariants() {
    User ci = new User("ci-bot", TokenHash.of("ci-token"), Set.of());
    assertThatThrownBy(() -> new Users(List.of(ci, ci))).isInstanceOf(IllegalArgumentException.class);
    assertThat(ci.toString()).doesNotContain(TokenHash.hex(TokenHash.of("ci-token")));
  }
}
