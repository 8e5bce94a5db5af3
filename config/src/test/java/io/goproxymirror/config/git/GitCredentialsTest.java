package io.goproxymirror.config.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.ConfigFiles;
import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("git.credentials validation")
class GitCredentialsTest {

  private static final String SECRET = "ghp_S3cretT0kenValue";

  @TempDir Path dir;
  private Path token;
  private Path key;
  private Path knownHosts;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void files() throws IOException {
    token = Files.writeString(dir.resolve("token"), SECRET);
    key = Files.writeString(dir.resolve("id_ed25519"), SECRET);
    knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    env.put("GIT_TOKEN", SECRET);
    env.put("KEY_PASSPHRASE", SECRET);
  }

  /** Loads one credential entry, written as the body of a YAML flow mapping. */
  private MirrorConfig load(String entry) {
    Path file = ConfigFiles.write(dir, "git:\n  credentials:\n    - {" + entry + "}\n");
    return ConfigLoader.load(Optional.of(file), env);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> loading(String entry) {
    return assertThatThrownBy(() -> load(entry))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .startsWith("config error: git.credentials[0]")
                    .doesNotContain("\n")
                    .doesNotContain(SECRET));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"token", "password", "passphrase", "ssh-key-passphrase", "Token"})
  @DisplayName("refuses secrets written inline, without echoing them")
  void inlineSecrets(String field) {
    loading("prefix: 'https://a.example/', " + field + ": " + SECRET)
        .hasMessageStartingWith(
            "config error: git.credentials[0]." + field + ": secrets are not accepted in the"
                + " configuration file; set ");
    loading("prefix: 'https://a.example/', token: " + SECRET)
        .hasMessageContaining("set token-env (the name of an environment variable holding the token)")
        .hasMessageContaining("or token-file (the path of a file holding it) instead");
    loading("prefix: 'ssh://git@a.example/', passphrase: " + SECRET)
        .hasMessageContaining("set ssh-key-passphrase-env (the name of an environment variable");
  }

  @Test
  @DisplayName("refuses an inline secret before any other problem of the entry")
  void inlineSecretFirst() {
    loading("password: " + SECRET + ", prefix: 'ftp://x'")
        .hasMessageStartingWith("config error: git.credentials[0].password: secrets are not");
  }

  @Test
  @DisplayName("names a variable that is not set or empty, never a value")
  void missingVariables() {
    env.put("EMPTY_TOKEN", "");
    loading("prefix: 'https://a.example/', token-env: NO_SUCH_TOKEN")
        .hasMessage(
            "config error: git.credentials[0].token-env: environment variable NO_SUCH_TOKEN is not set");
    loading("prefix: 'https://a.example/', token-env: EMPTY_TOKEN")
        .hasMessage(
            "config error: git.credentials[0].token-env: environment variable EMPTY_TOKEN is empty");
    loading("prefix: 'ssh://git@a.example/', ssh-key-file: '" + key + "', known-hosts-file: '"
            + knownHosts + "', ssh-key-passphrase-env: NO_PASSPHRASE")
        .hasMessage(
            "config error: git.credentials[0].ssh-key-passphrase-env: environment variable"
                + " NO_PASSPHRASE is not set");
  }

  @Test
  @DisplayName("does not show a variable name that could be a pasted token")
  void pastedTokenAsName() {
    loading("prefix: 'https://a.example/', token-env: " + SECRET)
        .hasMessage(
            "config error: git.credentials[0].token-env: the environment variable it names (name not"
                + " shown: not in upper case) is not set");
    loading("prefix: 'https://a.example/', token-env: 'glpat-" + SECRET + "'")
        .hasMessage(
            "config error: git.credentials[0].token-env: must be the name of an environment variable"
                + " (letters, digits and _, such as GIT_TOKEN)");
    loading("prefix: 'https://a.example/', token-file: " + SECRET)
        .hasMessageStartingWith(
            "config error: git.credentials[0].token-file: the file it names (path not shown as it"
                + " has no /; write ./name for the working directory) not found");
  }

  @Test
  @DisplayName("refuses a ${VAR} reference in a key that names a variable")
  void noSubstitutionInVariableNames() {
    loading("prefix: 'https://a.example/', token-env: '${GIT_TOKEN}'")
        .hasMessage(
            "config error: git.credentials[0].token-env: write the name of the environment variable"
                + " (such as GIT_TOKEN), not a ${...} reference");
  }

  @Test
  @DisplayName("names a file that is missing, a directory or empty")
  void badFiles() throws IOException {
    Path missing = dir.resolve("missing");
    Path empty = Files.createFile(dir.resolve("empty"));
    loading("prefix: 'https://a.example/', token-file: '" + missing + "'")
        .hasMessage("config error: git.credentials[0].token-file: file " + missing + " not found");
    loading("prefix: 'https://a.example/', token-file: '" + dir + "'")
        .hasMessage("config error: git.credentials[0].token-file: file " + dir + " is not a regular file");
    loading("prefix: 'https://a.example/', token-file: '" + empty + "'")
        .hasMessage("config error: git.credentials[0].token-file: file " + empty + " is empty");
    loading("prefix: 'ssh://git@a.example/', ssh-key-file: '" + missing + "'")
        .hasMessage("config error: git.credentials[0].ssh-key-file: file " + missing + " not found");
    loading("prefix: 'ssh://git@a.example/', ssh-key-file: '" + key + "', known-hosts-file: '"
            + missing + "', strict-host-key-checking: false")
        .hasMessage(
            "config error: git.credentials[0].known-hosts-file: file " + missing + " not found");
  }

  @Test
  @DisplayName("checks the default known_hosts file only when host keys are checked strictly")
  void defaultKnownHosts() {
    Path home = key.getParent().resolve("home");
    env.put("HOME", home.toString());
    Path fallback = home.resolve(".ssh").resolve("known_hosts");

    loading("prefix: 'ssh://git@a.example/', ssh-key-file: '" + key + "'")
        .hasMessage(
            "config error: git.credentials[0].known-hosts-file: file "
                + fallback
                + " (the default) not found");
    assertThat(
            load("prefix: 'ssh://git@a.example/', ssh-key-file: '" + key
                    + "', strict-host-key-checking: false")
                .git()
                .credentials()
                .get(0)
                .knownHostsFile())
        .contains(fallback);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "username: bot | config error: git.credentials[0].prefix: missing (each entry needs prefix)",
        "prefix: '' | config error: git.credentials[0].prefix: must not be empty",
        "prefix: 'git://a.example/' | config error: git.credentials[0].prefix: \"git://a.example/\" has unsupported scheme git (use https, http, ssh)",
        "prefix: 'file:///srv/git/' | config error: git.credentials[0].prefix: \"file:///srv/git/\" has unsupported scheme file (use https, http, ssh)",
        "prefix: 'a.example/' | config error: git.credentials[0].prefix: \"a.example/\" is not an absolute URL",
        "prefix: 'https://bot@a.example/', token-env: GIT_TOKEN | config error: git.credentials[0].prefix: \"https://***@a.example/\" must not contain user information",
        "prefix: 'https://a.example/' | config error: git.credentials[0]: an https credential needs token-env (the name of an environment variable) or token-file (the path of a file) holding the token",
        "prefix: 'https://a.example/', token-env: GIT_TOKEN, token-file: /x | config error: git.credentials[0]: set token-env or token-file, not both",
        "prefix: 'https://a.example/', token-env: '' | config error: git.credentials[0].token-env: must not be empty",
        "prefix: 'https://a.example/', token-env: GIT_TOKEN, username: 'a:b' | config error: git.credentials[0].username: must not contain :",
        "prefix: 'https://a.example/', token-env: GIT_TOKEN, ssh-key-file: /k | config error: git.credentials[0].ssh-key-file: only for ssh:// prefixes; an https prefix uses token-env or token-file",
        "prefix: 'https://a.example/', token-env: GIT_TOKEN, strict-host-key-checking: false | config error: git.credentials[0].strict-host-key-checking: only for ssh:// prefixes",
        "prefix: 'https://a.example/', token-env: GIT_TOKEN, known-hosts-file: /k | config error: git.credentials[0].known-hosts-file: only for ssh:// prefixes",
        "prefix: 'https://a.example/', token-env: GIT_TOKEN, ssh-key-passphrase-env: KEY_PASSPHRASE | config error: git.credentials[0].ssh-key-passphrase-env: only for ssh:// prefixes",
        "prefix: 'ssh://git@a.example/' | config error: git.credentials[0].ssh-key-file: missing (an ssh credential needs ssh-key-file, the path of a private key file)",
        "prefix: 'ssh://git@a.example/', token-env: GIT_TOKEN | config error: git.credentials[0].token-env: only for https and http prefixes; an ssh prefix uses ssh-key-file and takes the user name from the prefix URL",
        "prefix: 'ssh://a.example/', username: git | config error: git.credentials[0].username: only for https and http prefixes",
        "prefix: 'ssh://git:pw@a.example/' | config error: git.credentials[0].prefix: \"ssh://***@a.example/\" must not contain a password",
        "prefix: 'ssh://git@a.example/', ssh-key-file: /k, strict-host-key-checking: maybe | config error: git.credentials[0].strict-host-key-checking: must be true or false; got \"maybe\"",
      })
  @DisplayName("checks which keys fit the prefix's scheme")
  void keysForScheme(String entry, String message) {
    loading(entry.replace("/k", key.toString())).hasMessageStartingWith(message);
  }

  @Test
  @DisplayName("refuses a prefix that an earlier prefix covers, naming both")
  void shadowedPrefix() {
    Path file =
        ConfigFiles.write(
            dir,
            "git:\n  credentials:\n"
                + "    - {prefix: 'https://a.example/', token-env: GIT_TOKEN}\n"
                + "    - {prefix: 'https://a.example/team/', token-env: GIT_TOKEN}\n");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), env))
        .hasMessage(
            "config error: git.credentials[1].prefix: never used: git.credentials[0]"
                + " (\"https://a.example/\") comes first and matches everything this entry matches;"
                + " put the more specific entry first");
  }

  @Test
  @DisplayName("keeps no secret in the records or their text")
  void noSecretsHeld() {
    MirrorConfig c =
        load("prefix: 'https://a.example/', token-file: '" + token + "'");
    MirrorConfig ssh =
        load("prefix: 'ssh://git@a.example/', ssh-key-file: '" + key
            + "', ssh-key-passphrase-env: KEY_PASSPHRASE, known-hosts-file: '" + knownHosts + "'");

    assertThat(c.toString()).contains(token.toString()).doesNotContain(SECRET);
    assertThat(ssh.toString()).contains("KEY_PASSPHRASE").doesNotContain(SECRET);
    assertThat(ssh.git().credentials().get(0).toString()).doesNotContain(SECRET);
  }

  @Test
  @DisplayName("rejects records whose fields do not fit their kind")
  void recordInvariants() {
    assertThatThrownBy(
            () ->
                new GitCredential(
                    "https://a/",
                    GitCredential.Kind.TOKEN,
                    Optional.of("git"),
                    Optional.of("A"),
                    Optional.of(token),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new GitCredential(
                    "ssh://a/",
                    GitCredential.Kind.SSH_KEY,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(knownHosts),
                    true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
