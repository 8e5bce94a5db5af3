package io.goproxymirror.mirror.fetch.git.transport;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.testkit.GitHttpServer;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.goproxymirror.mirror.testkit.GitSshServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("persistent bare repositories over smart HTTP and SSH")
class BareRepositoriesTest {
  private static final Instant T0 = Instant.parse("2024-01-02T03:04:05Z");
  private static final String TOKEN = "s3cr3t-token-value";

  @TempDir Path remotes;
  @TempDir Path data;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeAll
  static void isolate() {
    IsolatedGitConfig.install();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private GitRepoBuilder remote(String path) {
    GitRepoBuilder repo = GitRepoBuilder.createBare(remotes.resolve(path));
    closeables.add(repo);
    return repo.commit(T0, files("go.mod", "module " + path + "\n")).tag("v1.0.0");
  }

  private BareRepositories repos(List<GitCredentialRule> rules, Duration ttl, Duration idle) {
    GitTimeouts timeouts = new GitTimeouts(Duration.ofSeconds(5), idle, Duration.ofSeconds(30));
    GitAuth auth = new GitAuth(rules, data.resolve("ssh-home"), timeouts);
    closeables.add(auth);
    return new BareRepositories(data.resolve("git"), new GitRemote(auth, new MirrorMetrics(registry)), ttl);
  }

  private static List<String> tags(BareRepositories repos, String url) throws Exception {
    try (SyncedRepository synced = repos.open(url, new DeadlineMonitor(Duration.ofSeconds(30)))) {
      return synced.repository().getRefDatabase().getRefsByPrefix(Constants.R_TAGS).stream()
          .map(r -> r.getName().substring(Constants.R_TAGS.length())).sorted().toList();
    }
  }

  private long operations(String operation) {
    var timer = registry.find("goproxy_mirror_git_operations").tag("operation", operation).tag("result", "ok").timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  @DisplayName("clones once, then lists refs and fetches only when they changed")
  void clonesOnceThenFetchesIncrementally() throws Exception {
    GitRepoBuilder remote = remote("github.com/acme/x");
    GitHttpServer server = GitHttpServer.start(remotes);
    closeables.add(server);
    String url = server.baseUrl() + "github.com/acme/x";
    BareRepositories repos = repos(List.of(), Duration.ZERO, Duration.ofSeconds(10));

    assertThat(tags(repos, url)).containsExactly("v1.0.0");
    assertThat(tags(repos, url)).containsExactly("v1.0.0");
    assertThat(operations("clone")).isEqualTo(1);
    assertThat(operations("fetch")).isZero();
    assertThat(operations("ls-remote")).isEqualTo(2);

    remote.commit(T0.plusSeconds(60), files("go.mod", "module github.com/acme/x\n", "a.go", "package x\n"))
        .tag("v1.1.0");
    assertThat(tags(repos, url)).containsExactly("v1.0.0", "v1.1.0");
    assertThat(operations("clone")).isEqualTo(1);
    assertThat(operations("fetch")).isEqualTo(1);
    try (SyncedRepository synced = repos.open(url, new DeadlineMonitor(Duration.ofSeconds(30)))) {
      assertThat(synced.repository().exactRef(Constants.HEAD).getObjectId()).isEqualTo(remote.lastCommit());
    }
  }

  @Test
  @DisplayName("repacks a repository whose incremental fetches left too many packs")
  void repacksAfterManyFetches() throws Exception {
    GitRepoBuilder remote = remote("github.com/acme/packs");
    GitHttpServer server = GitHttpServer.start(remotes);
    closeables.add(server);
    String url = server.baseUrl() + "github.com/acme/packs";
    GitTimeouts timeouts = new GitTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30));
    GitAuth auth = new GitAuth(List.of(), data.resolve("ssh-home"), timeouts);
    closeables.add(auth);
    BareRepositories repos = new BareRepositories(data.resolve("git"),
        new GitRemote(auth, new MirrorMetrics(registry)), Duration.ZERO, 2);
    for (int i = 1; i <= 4; i++) {
      remote.commit(T0.plusSeconds(i), files("go.mod", "module github.com/acme/packs\n", "f.go", "package p // " + i + "\n"))
          .tag("v1.0." + i);
      assertThat(tags(repos, url)).contains("v1.0." + i);
      assertThat(BareRepositories.packs(repos.dirFor(url))).isLessThanOrEqualTo(2);
    }
    assertThat(operations("gc")).isPositive();
    assertThat(tags(repos, url)).containsExactly("v1.0.0", "v1.0.1", "v1.0.2", "v1.0.3", "v1.0.4");
  }

  @Test
  @DisplayName("reuses the listed refs within the refs TTL without contacting the server")
  void refsTtl() throws Exception {
    remote("github.com/acme/ttl");
    GitHttpServer server = GitHttpServer.start(remotes);
    closeables.add(server);
    String url = server.baseUrl() + "github.com/acme/ttl";
    BareRepositories repos = repos(List.of(), Duration.ofMinutes(5), Duration.ofSeconds(10));
    tags(repos, url);
    int before = server.requests().size();
    tags(repos, url);
    assertThat(server.requests()).hasSize(before);
  }

  @Test
  @DisplayName("sends the token from the environment as Basic auth; a refused or missing token is 'not found'")
  void basicAuth() throws Exception {
    remote("git.corp.example.com/team/lib");
    GitHttpServer server = GitHttpServer.start(remotes, "mirror", TOKEN);
    closeables.add(server);
    String url = server.baseUrl() + "git.corp.example.com/team/lib";
    GitCredentialRule good = new GitCredentialRule(server.baseUrl(), "mirror",
        Optional.of(SecretSource.env("CORP_TOKEN", Map.of("CORP_TOKEN", TOKEN))), Optional.empty(), Optional.empty(),
        data.resolve("none"), true);
    assertThat(tags(repos(List.of(good), Duration.ZERO, Duration.ofSeconds(10)), url)).containsExactly("v1.0.0");

    Path tokenFile = Files.writeString(data.resolve("wrong-token"), "wrong\n");
    GitCredentialRule wrong = new GitCredentialRule(server.baseUrl(), "mirror",
        Optional.of(SecretSource.file(tokenFile)), Optional.empty(), Optional.empty(), data.resolve("none"), true);
    BareRepositories refused = new BareRepositories(data.resolve("git2"),
        new GitRemote(new GitAuth(List.of(wrong), data.resolve("ssh-home"),
            new GitTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))),
            new MirrorMetrics(registry)), Duration.ZERO);
    assertThatThrownBy(() -> tags(refused, url))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("not found or access denied")
        .hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> tags(repos(List.of(), Duration.ZERO, Duration.ofSeconds(10)), url))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  @DisplayName("authenticates over SSH with the configured key and checks the host key against known_hosts")
  void sshKeyAndKnownHosts() throws Exception {
    GitRepoBuilder remote = remote("git.corp.example.com/team/ssh");
    GitSshServer ssh = GitSshServer.start(remote.dir(), data.resolve("keys"));
    closeables.add(ssh);
    String url = ssh.baseUrl() + "team/ssh.git";
    GitCredentialRule rule = new GitCredentialRule(ssh.baseUrl(), "git", Optional.empty(),
        Optional.of(ssh.clientKey()), Optional.empty(), ssh.knownHosts(), true);
    assertThat(tags(repos(List.of(rule), Duration.ZERO, Duration.ofSeconds(10)), url)).containsExactly("v1.0.0");

    GitCredentialRule spoofed = new GitCredentialRule(ssh.baseUrl(), "git", Optional.empty(),
        Optional.of(ssh.clientKey()), Optional.empty(), ssh.wrongKnownHosts(), true);
    BareRepositories checked = new BareRepositories(data.resolve("git-spoofed"),
        new GitRemote(new GitAuth(List.of(spoofed), data.resolve("ssh-home2"),
            new GitTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))),
            new MirrorMetrics(registry)), Duration.ZERO);
    assertThatThrownBy(() -> tags(checked, url)).isInstanceOf(NotFoundException.class);

    assertThatThrownBy(() -> tags(repos(List.of(), Duration.ZERO, Duration.ofSeconds(10)), url))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  @DisplayName("decrypts an SSH key with the passphrase from the environment")
  void sshKeyWithPassphrase() throws Exception {
    GitRepoBuilder remote = remote("git.corp.example.com/team/locked");
    GitSshServer ssh = GitSshServer.start(remote.dir(), data.resolve("locked-keys"), "key-passphrase-42");
    closeables.add(ssh);
    String url = ssh.baseUrl() + "team/locked.git";
    GitCredentialRule rule = new GitCredentialRule(ssh.baseUrl(), "git", Optional.empty(),
        Optional.of(ssh.clientKey()), Optional.of(SecretSource.env("KEY_PASS", Map.of("KEY_PASS", "key-passphrase-42"))),
        ssh.knownHosts(), true);
    assertThat(tags(repos(List.of(rule), Duration.ZERO, Duration.ofSeconds(10)), url)).containsExactly("v1.0.0");

    GitCredentialRule wrong = new GitCredentialRule(ssh.baseUrl(), "git", Optional.empty(),
        Optional.of(ssh.clientKey()), Optional.of(SecretSource.env("KEY_PASS", Map.of("KEY_PASS", "nope"))),
        ssh.knownHosts(), true);
    BareRepositories refused = new BareRepositories(data.resolve("git-locked"),
        new GitRemote(new GitAuth(List.of(wrong), data.resolve("ssh-home3"),
            new GitTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))),
            new MirrorMetrics(registry)), Duration.ZERO);
    assertThatThrownBy(() -> tags(refused, url)).isInstanceOf(NotFoundException.class)
        .hasMessageNotContaining("nope");
  }

  @Test
  @DisplayName("a refused connection is 502 and a server that never answers is 504")
  void networkFailures() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    BareRepositories repos = repos(List.of(), Duration.ZERO, Duration.ofSeconds(1));
    assertThatThrownBy(() -> tags(repos, "http://127.0.0.1:" + closedPort + "/x/y"))
        .isInstanceOf(UpstreamFailedException.class);

    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept());
          }
        } catch (IOException done) {
          // closed
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      assertThatThrownBy(() -> tags(repos, "http://127.0.0.1:" + silent.getLocalPort() + "/x/y"))
          .isInstanceOf(UpstreamTimeoutException.class);
    }
  }
}
