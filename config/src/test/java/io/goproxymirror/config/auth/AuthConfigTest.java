package io.goproxymirror.config.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.ConfigFiles;
import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("auth.*")
class AuthConfigTest {
  @TempDir Path dir;
  private Path users;

  @BeforeEach
  void usersFile() throws IOException {
    users = Files.writeString(dir.resolve("users.yaml"), "users: []\n");
  }

  private MirrorConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.load(Optional.of(ConfigFiles.write(dir, yaml)), env);
  }

  private void refused(String yaml, Map<String, String> env, String message) {
    assertThatThrownBy(() -> load(yaml, env))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  @DisplayName("defaults: nothing configured, anonymous public, burst 10 in 60 s")
  void defaults() {
    AuthConfig auth = load("{}\n", Map.of()).auth();
    assertThat(auth).isEqualTo(new AuthConfig(Optional.empty(), Duration.ofSeconds(10), AnonymousAccess.PUBLIC,
        List.of(), Optional.empty(), new AuthConfig.Throttle(10, Duration.ofSeconds(60))));
    assertThat(auth.configured()).isFalse();
    assertThat(auth.acceptsCredentials()).isFalse();
  }

  @Test
  @DisplayName("reads every key from the file, rules in order with their groups as a YAML list")
  void fromFile() {
    AuthConfig auth = load("""
        auth:
          users-file: %s
          users-file-check: 1s
          anonymous: none
          failure-burst: 3
          failure-cooldown: 5s
          rules:
            - pattern: "git.corp.example.com/*"
              groups: [developers, ci]
            - pattern: "corp.example.com/secret/*,corp.example.com/keys"
              groups:
                - security
            - pattern: "other.example.com"
              groups: ops
          jwt:
            issuer: https://token.actions.githubusercontent.com
            jwks-url: https://token.actions.githubusercontent.com/.well-known/jwks
            audience: goproxy-mirror
            groups-claim: repository_owner
        """.formatted(users), Map.of()).auth();
    assertThat(auth.usersFile()).contains(users);
    assertThat(auth.anonymous()).isEqualTo(AnonymousAccess.NONE);
    assertThat(auth.usersFileCheck()).isEqualTo(Duration.ofSeconds(1));
    assertThat(auth.throttle()).isEqualTo(new AuthConfig.Throttle(3, Duration.ofSeconds(5)));
    assertThat(auth.rules()).extracting(AuthRule::groups)
        .containsExactly(List.of("developers", "ci"), List.of("security"), List.of("ops"));
    assertThat(auth.rules().get(0).pattern().matches("git.corp.example.com/team/app")).isTrue();
    assertThat(auth.rules().get(1).pattern().matches("corp.example.com/keys")).isTrue();
    assertThat(auth.jwt()).contains(new JwtConfig("https://token.actions.githubusercontent.com",
        URI.create("https://token.actions.githubusercontent.com/.well-known/jwks"), "goproxy-mirror",
        "repository_owner"));
    assertThat(auth.configured()).isTrue();
  }

  @Test
  @DisplayName("every single-value key has its MIRROR_AUTH_... variable, which wins over the file")
  void environmentOverrides() throws IOException {
    Path other = Files.writeString(dir.resolve("other.yaml"), "users: []\n");
    AuthConfig auth = load("auth:\n  users-file: " + users + "\n  anonymous: public\n", Map.of(
        "MIRROR_AUTH_USERS_FILE", other.toString(),
        "MIRROR_AUTH_ANONYMOUS", "NONE",
        "MIRROR_AUTH_USERS_FILE_CHECK", "3s",
        "MIRROR_AUTH_FAILURE_BURST", "7",
        "MIRROR_AUTH_FAILURE_COOLDOWN", "2m",
        "MIRROR_AUTH_JWT_ISSUER", "https://gitlab.example.com",
        "MIRROR_AUTH_JWT_JWKS_URL", "https://gitlab.example.com/oauth/discovery/keys",
        "MIRROR_AUTH_JWT_AUDIENCE", "mirror",
        "MIRROR_AUTH_JWT_GROUPS_CLAIM", "namespace_path")).auth();
    assertThat(auth.usersFile()).contains(other);
    assertThat(auth.anonymous()).isEqualTo(AnonymousAccess.NONE);
    assertThat(auth.usersFileCheck()).isEqualTo(Duration.ofSeconds(3));
    assertThat(auth.throttle()).isEqualTo(new AuthConfig.Throttle(7, Duration.ofMinutes(2)));
    assertThat(auth.jwt()).contains(new JwtConfig("https://gitlab.example.com",
        URI.create("https://gitlab.example.com/oauth/discovery/keys"), "mirror", "namespace_path"));
  }

  @Test
  @DisplayName("groups-claim defaults to groups")
  void groupsClaimDefault() {
    AuthConfig auth = load("auth:\n  jwt:\n    issuer: https://i.example\n    jwks-url: http://127.0.0.1:1/jwks\n"
        + "    audience: a\n", Map.of()).auth();
    assertThat(auth.jwt().orElseThrow().groupsClaim()).isEqualTo("groups");
    assertThat(auth.acceptsCredentials()).isTrue();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
    "MIRROR_AUTH_ANONYMOUS | everyone | config error: MIRROR_AUTH_ANONYMOUS (auth.anonymous): must be public or none; got \"everyone\"",
    "MIRROR_AUTH_FAILURE_BURST | 0 | config error: MIRROR_AUTH_FAILURE_BURST (auth.failure-burst): must be between 1 and 1000000, got 0",
    "MIRROR_AUTH_FAILURE_COOLDOWN | 0s | config error: MIRROR_AUTH_FAILURE_COOLDOWN (auth.failure-cooldown): must be a positive duration, got \"0s\" (use 30s, 10m, 1h, 500ms)",
    "MIRROR_AUTH_JWT_JWKS_URL | ftp://keys.example/jwks | config error: MIRROR_AUTH_JWT_JWKS_URL (auth.jwt.jwks-url): must be an http or https URL with a host, such as https://token.actions.githubusercontent.com/.well-known/jwks",
    "MIRROR_AUTH_JWT_JWKS_URL | https://u:p@keys.example/jwks | config error: MIRROR_AUTH_JWT_JWKS_URL (auth.jwt.jwks-url): must not contain user information",
    "MIRROR_AUTH_JWT_GROUPS_CLAIM | 'two words' | config error: MIRROR_AUTH_JWT_GROUPS_CLAIM (auth.jwt.groups-claim): must be a claim name of 1 to 128 characters without white space",
  })
  @DisplayName("refuses bad single values with one line naming the variable and the key")
  void badValues(String variable, String value, String message) {
    refused("{}\n", Map.of(variable, value), message);
  }

  @Test
  @DisplayName("the users file must exist and be a readable regular file")
  void usersFileChecked() {
    Path missing = dir.resolve("missing.yaml");
    refused("{}\n", Map.of("MIRROR_AUTH_USERS_FILE", missing.toString()),
        "config error: MIRROR_AUTH_USERS_FILE (auth.users-file): file not found: " + missing);
    refused("auth:\n  users-file: " + dir + "\n", Map.of(),
        "config error: auth.users-file: not a regular file: " + dir);
  }

  @Test
  @DisplayName("auth.jwt is all or nothing among issuer, jwks-url and audience")
  void jwtAllOrNothing() {
    refused("auth:\n  jwt:\n    issuer: https://i.example\n", Map.of(),
        "config error: auth.jwt: issuer, jwks-url and audience go together: auth.jwt.issuer is set but"
            + " auth.jwt.jwks-url and auth.jwt.audience are not");
    refused("{}\n", Map.of("MIRROR_AUTH_JWT_JWKS_URL", "https://k.example/jwks", "MIRROR_AUTH_JWT_AUDIENCE", "a"),
        "config error: auth.jwt: issuer, jwks-url and audience go together: MIRROR_AUTH_JWT_JWKS_URL"
            + " (auth.jwt.jwks-url) and MIRROR_AUTH_JWT_AUDIENCE (auth.jwt.audience) are set but"
            + " auth.jwt.issuer is not");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "'- groups: [a]' | config error: auth.rules[0].pattern: missing (each entry needs pattern and groups)",
    "'- pattern: \"a.example/*\"' | config error: auth.rules[0].groups: missing (each entry needs pattern and groups)",
    "'- pattern: \"a.example/*\"\n  groups: []' | config error: auth.rules[0].groups: must name at least one group, such as [developers, ci]",
    "'- pattern: \"a.example/*\"\n  groups: [ok, \"bad name\"]' | config error: auth.rules[0].groups[1]: must be 1 to 128 letters, digits or . _ @ / + - (got \"bad name\")",
    "'- pattern: \"a.example/*\"\n  groups: [\"a,b\"]' | config error: auth.rules[0].groups[0]: must not contain a comma (write one name per item)",
    "'- pattern: \"a.example/*\"\n  groups: [[a]]' | config error: auth.rules[0].groups[0]: expected a single value, found a list",
    "'- pattern: \"a.example/*\"\n  groups: [a]\n  group: b' | config error: unknown key \"auth.rules[0].group\" (did you mean \"auth.rules[0].groups\"?)",
    "'- pattern: \"\"\n  groups: [a]' | config error: auth.rules[0].pattern: must not be empty",
  })
  @DisplayName("refuses malformed rules naming the entry key")
  void badRules(String rules, String message) {
    refused("auth:\n  rules:\n" + rules.indent(4), Map.of(), message);
  }

  @Test
  @DisplayName("auth.rules has no environment variable: the file only")
  void rulesFileOnly() {
    assertThatThrownBy(() -> load("{}\n", Map.of("MIRROR_AUTH_RULES", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MIRROR_AUTH_RULES");
  }

  @Test
  @DisplayName("the commented rules example of examples/mirror.yaml loads")
  void exampleRules() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("examples", "mirror.yaml"));
    int start = lines.indexOf("  #   rules:");
    StringBuilder yaml = new StringBuilder("auth:\n");
    for (int i = start; i < lines.size() && lines.get(i).startsWith("  #   "); i++) {
      yaml.append("  ").append(lines.get(i).substring("  #   ".length())).append('\n');
    }
    List<AuthRule> rules = load(yaml.toString(), Map.of()).auth().rules();
    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).groups()).containsExactly("developers", "ci");
  }
}
