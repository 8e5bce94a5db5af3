package io.goproxymirror.config.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.ConfigFiles;
import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.source.ListItem;
import io.goproxymirror.config.source.SecretReferences;
import io.goproxymirror.config.value.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("git.* configuration")
class GitConfigTest {

  @TempDir Path dir;

  private MirrorConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.load(Optional.of(ConfigFiles.write(dir, yaml)), env);
  }

  @Test
  @DisplayName("reads the scalar keys from the file")
  void scalarsFromFile() {
    GitConfig git =
        load(
                """
                git:
                  workers: 8
                  queue: 10
                  connect-timeout: 3s
                  idle-timeout: 2m
                  total-timeout: 1h
                  refs-ttl: 500ms
                """,
                Map.of())
            .git();

    assertThat(git)
        .isEqualTo(
            new GitConfig(
                8,
                10,
                Duration.ofSeconds(3),
                Duration.ofMinutes(2),
                Duration.ofHours(1),
                Duration.ofMillis(500),
                List.of(),
                List.of(),
                List.of()));
  }

  @Test
  @DisplayName("lets MIRROR_GIT_* variables override the scalar keys")
  void scalarsFromEnvironment() {
    GitConfig git =
        load(
                "git:\n  workers: 8\n  refs-ttl: 1m\n",
                Map.of(
                    "MIRROR_GIT_WORKERS", "16",
                    "MIRROR_GIT_QUEUE", "5",
                    "MIRROR_GIT_CONNECT_TIMEOUT", "1s",
                    "MIRROR_GIT_IDLE_TIMEOUT", "2s",
                    "MIRROR_GIT_TOTAL_TIMEOUT", "3s",
                    "MIRROR_GIT_REFS_TTL", "4s"))
            .git();

    assertThat(git.workers()).isEqualTo(16);
    assertThat(git.queue()).isEqualTo(5);
    assertThat(git.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(git.idleTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(git.totalTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(git.refsTtl()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  @DisplayName("reads git.rewrites in order, as written")
  void rewrites() {
    GitConfig git =
        load(
                """
                git:
                  rewrites:
                    - from: https://github.com/acme/
                      to: ssh://git@git.corp.example.com:2222/mirrors/acme/
                    - {from: "https://github.com/", to: "file:///srv/git/github.com/"}
                    - from: git://old.example.com/
                      to: http://new.example.com/git/
                """,
                Map.of())
            .git();

    assertThat(git.rewrites())
        .containsExactly(
            new GitRewrite(
                "https://github.com/acme/", "ssh://git@git.corp.example.com:2222/mirrors/acme/"),
            new GitRewrite("https://github.com/", "file:///srv/git/github.com/"),
            new GitRewrite("git://old.example.com/", "http://new.example.com/git/"));
    assertThat(git.rewrites().get(1).apply("https://github.com/x/y"))
        .isEqualTo("file:///srv/git/github.com/x/y");
    assertThat(git.rewrites().get(1).apply("https://gitlab.com/x/y"))
        .isEqualTo("https://gitlab.com/x/y");
  }

  @Test
  @DisplayName("reads git.repositories, adding the prefix's final / and the default of 2 elements")
  void repositories() {
    GitConfig git =
        load(
                """
                git:
                  repositories:
                    - prefix: git.corp.example.com/
                      url: ssh://git@git.corp.example.com:2222/{path}.git
                    - prefix: go.example.org/tools
                      url: https://{root}
                      elements: 1
                    - prefix: go.example.org/
                      url: file:///srv/git/{root}/{path}
                      elements: "16"
                """,
                Map.of())
            .git();

    assertThat(git.repositories())
        .containsExactly(
            new GitRepositoryTemplate(
                "git.corp.example.com/", "ssh://git@git.corp.example.com:2222/{path}.git", 2),
            new GitRepositoryTemplate("go.example.org/tools/", "https://{root}", 1),
            new GitRepositoryTemplate("go.example.org/", "file:///srv/git/{root}/{path}", 16));
  }

  @Test
  @DisplayName("reads git.credentials of both kinds, holding names and paths only")
  void credentials() throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "s3cret-from-file\n");
    Path key = Files.writeString(dir.resolve("id_ed25519"), "s3cret-key");
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "host ssh-ed25519 AAAA\n");
    Map<String, String> env =
        Map.of("CORP_TOKEN", "s3cret-from-env", "KEY_PASSPHRASE", "s3cret-passphrase");

    MirrorConfig c =
        load(
            """
            git:
              credentials:
                - prefix: https://git.corp.example.com/
                  username: mirror-bot
                  token-env: CORP_TOKEN
                - prefix: http://github.com/acme/
                  token-file: %s
                - prefix: ssh://git@git.corp.example.com:2222/
                  ssh-key-file: %s
                  ssh-key-passphrase-env: KEY_PASSPHRASE
                  known-hosts-file: %s
                - prefix: ssh://git@other.example.com/
                  ssh-key-file: %s
                  strict-host-key-checking: FALSE
            """
                .formatted(token, key, knownHosts, key),
            env);

    Path defaultKnownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    assertThat(c.git().credentials())
        .containsExactly(
            new GitCredential(
                "https://git.corp.example.com/",
                GitCredential.Kind.TOKEN,
                Optional.of("mirror-bot"),
                Optional.of("CORP_TOKEN"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true),
            new GitCredential(
                "http://github.com/acme/",
                GitCredential.Kind.TOKEN,
                Optional.of("git"),
                Optional.empty(),
                Optional.of(token),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true),
            new GitCredential(
                "ssh://git@git.corp.example.com:2222/",
                GitCredential.Kind.SSH_KEY,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(key),
                Optional.of("KEY_PASSPHRASE"),
                Optional.of(knownHosts),
                true),
            new GitCredential(
                "ssh://git@other.example.com/",
                GitCredential.Kind.SSH_KEY,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(key),
                Optional.empty(),
                Optional.of(defaultKnownHosts),
                false));
    assertThat(c.toString()).contains("CORP_TOKEN").doesNotContain("s3cret");
    assertThat(c.git().toString()).doesNotContain("s3cret");
  }

  @Test
  @DisplayName("expands ~ and ~/ in credential paths to the home directory, nothing else")
  void homeDirectory() {
    SecretReferences refs = new SecretReferences(Map.of(), dir);
    ListItem item = new ListItem("git.credentials[0]", Map.of());

    assertThat(refs.path(item, "token-file", "~/secrets/token")).isEqualTo(dir.resolve("secrets/token"));
    assertThat(refs.path(item, "token-file", "~")).isEqualTo(dir);
    assertThat(refs.path(item, "token-file", "~other/token")).isEqualTo(Path.of("~other/token"));
    assertThat(refs.path(item, "token-file", "./token")).isEqualTo(Path.of("./token"));
  }

  @Test
  @DisplayName("substitutes ${VAR} inside list entries")
  void substitution() {
    GitConfig git =
        load(
                """
                git:
                  rewrites:
                    - from: https://${FORGE}/
                      to: ${MIRROR_ROOT:-file:///srv/git}/${FORGE}/
                  repositories:
                    - prefix: ${FORGE}/
                      url: https://${FORGE}/{path}.git
                      elements: ${ELEMENTS}
                  credentials:
                    - prefix: https://${FORGE}/
                      token-env: FORGE_TOKEN
                """,
                Map.of("FORGE", "git.corp.example.com", "ELEMENTS", "3", "FORGE_TOKEN", "t"))
            .git();

    assertThat(git.rewrites())
        .containsExactly(
            new GitRewrite(
                "https://git.corp.example.com/", "file:///srv/git/git.corp.example.com/"));
    assertThat(git.repositories())
        .containsExactly(
            new GitRepositoryTemplate(
                "git.corp.example.com/", "https://git.corp.example.com/{path}.git", 3));
    assertThat(git.credentials().get(0).prefix()).isEqualTo("https://git.corp.example.com/");
  }

  @Test
  @DisplayName("accepts empty lists and keeps other keys' defaults")
  void emptyLists() {
    MirrorConfig c = load("git:\n  rewrites: []\n  repositories: []\n  credentials: []\n", Map.of());

    assertThat(c).isEqualTo(ConfigLoader.defaults());
  }

  @Test
  @DisplayName("refuses environment variables for the list keys instead of ignoring them")
  void listsAreYamlOnly() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Optional.empty(), Map.of("MIRROR_GIT_REWRITES", "https://a/=https://b/")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config error: MIRROR_GIT_REWRITES: git.rewrites is a list and can only be set in the"
                + " configuration file");
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), Map.of("MIRROR_GIT_CREDENTIALS", "x")))
        .hasMessageStartingWith("config error: MIRROR_GIT_CREDENTIALS: git.credentials is a list");
    assertThat(ConfigLoader.load(Optional.empty(), Map.of("MIRROR_GIT_REPOSITORIES", "")))
        .isEqualTo(ConfigLoader.defaults());
  }
}
