package io.goproxymirror.mirror.auth.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the users file")
class UsersFileTest {
  static final String CI_TOKEN = "ci-token-0123456789abcdefghijklmnopqrstuvwxyz";
  static final String ADMIN_TOKEN = "admin-token-0123456789abcdefghijklmnopqrstuv";

  static String hash(String token) {
    return TokenHash.hex(TokenHash.of(token));
  }

  static String valid() {
    return "users:\n"
        + "  - name: ci-bot\n"
        + "    token-sha256: \"" + hash(CI_TOKEN) + "\"\n"
        + "    groups: [ci]\n"
        + "  - name: admin\n"
        + "    token-sha256: \"" + hash(ADMIN_TOKEN).toUpperCase() + "\"\n"
        + "    groups: [admin, developers]\n";
  }

  private static Users parse(String yaml) {
    return UsersFile.parse(yaml.getBytes(StandardCharsets.UTF_8), "users.yaml");
  }

  @Test
  @DisplayName("reads the entries of the issue's example, with upper- or lower-case hex")
  void reads() {
    Users users = parse(valid());
    assertThat(users.size()).isEqualTo(2);
    assertThat(users.byName("ci-bot").orElseThrow().groups()).containsExactly("ci");
    assertThat(users.byName("admin").orElseThrow().groups()).containsExactlyInAnyOrder("admin", "developers");
    assertThat(users.checkBasic("admin", ADMIN_TOKEN)).isPresent();
    assertThat(parse("users: []\n").size()).isZero();
  }

  @Test
  @DisplayName("refuses a token-sha256 that is not 64 hex digits, naming the entry and never quoting the value")
  void badHex() {
    String pasted = valid().replace(hash(CI_TOKEN), CI_TOKEN);
    assertThatThrownBy(() -> parse(pasted)).isInstanceOf(UsersFileException.class)
        .hasMessageContaining("users.yaml")
        .hasMessageContaining("users[0] (\"ci-bot\").token-sha256")
        .hasMessageContaining("64 hex digits")
        .message().doesNotContain(CI_TOKEN);
    assertThatThrownBy(() -> parse(valid().replace(hash(CI_TOKEN), hash(CI_TOKEN).substring(2))))
        .hasMessageContaining("found 62 hex digits");
  }

  @Test
  @DisplayName("refuses duplicate names and two users with the same token")
  void duplicates() {
    String twice = valid() + "  - name: ci-bot\n    token-sha256: \"" + hash("other") + "\"\n    groups: []\n";
    assertThatThrownBy(() -> parse(twice))
        .hasMessageContaining("users[2] (\"ci-bot\").name: duplicate; users[0] has the same name");
    String sameToken = valid() + "  - name: ci-2\n    token-sha256: \"" + hash(CI_TOKEN) + "\"\n    groups: []\n";
    assertThatThrownBy(() -> parse(sameToken))
        .hasMessageContaining("users[2] (\"ci-2\").token-sha256: the same as users[0]");
  }

  @Test
  @DisplayName("refuses missing fields, naming the entry and the key")
  void missing() {
    assertThatThrownBy(() -> parse("users:\n  - name: x\n    groups: []\n"))
        .hasMessageContaining("users[0] (\"x\").token-sha256: missing");
    assertThatThrownBy(() -> parse("users:\n  - token-sha256: \"" + hash("t") + "\"\n    groups: []\n"))
        .hasMessageContaining("users[0].name: missing");
    assertThatThrownBy(() -> parse("users:\n  - name: x\n    token-sha256: \"" + hash("t") + "\"\n"))
        .hasMessageContaining("users[0] (\"x\").groups: missing");
    assertThatThrownBy(() -> parse("users:\n")).hasMessageContaining("users: missing");
    assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
  }

  @Test
  @DisplayName("refuses unknown keys with a suggestion")
  void unknownKeys() {
    assertThatThrownBy(() -> parse(valid().replace("token-sha256", "token_sha256")))
        .hasMessageContaining("users[0]: unknown key \"token_sha256\"; did you mean \"token-sha256\"?");
    assertThatThrownBy(() -> parse(valid().replace("groups: [ci]", "group: [ci]")))
        .hasMessageContaining("did you mean \"groups\"?");
    assertThatThrownBy(() -> parse(valid().replace("users:", "user:")))
        .hasMessageContaining("unknown key \"user\"; did you mean \"users\"?");
    assertThatThrownBy(() -> parse(valid().replace("groups: [ci]", "groups: [ci]\n    password: x")))
        .hasMessageContaining("known keys: name, token-sha256, groups");
  }

  @Test
  @DisplayName("refuses bad shapes, bad names and groups, duplicate keys and malformed YAML")
  void shapes() {
    assertThatThrownBy(() -> parse("users: {}\n")).hasMessageContaining("users: expected a list");
    assertThatThrownBy(() -> parse("users:\n  - x\n")).hasMessageContaining("users[0]: expected a mapping");
    assertThatThrownBy(() -> parse(valid().replace("groups: [ci]", "groups: ci")))
        .hasMessageContaining("groups: expected a list");
    assertThatThrownBy(() -> parse(valid().replace("name: ci-bot", "name: \"ci:bot\"")))
        .hasMessageContaining("users[0].name: must be");
    assertThatThrownBy(() -> parse(valid().replace("groups: [ci]", "groups: [\"c i\"]")))
        .hasMessageContaining("groups[0]: must be");
    assertThatThrownBy(() -> parse(valid().replace("groups: [ci]", "groups: [ci]\n    name: again")))
        .hasMessageContaining("duplicate key");
    assertThatThrownBy(() -> parse("users:\n  - name: [unclosed\n")).hasMessageContaining("malformed YAML at line");
    assertThatThrownBy(() -> UsersFile.parse(new byte[] {(byte) 0xff, 'a'}, "users.yaml"))
        .hasMessageContaining("not valid UTF-8");
  }
}
