package io.goproxymirror.mirror.fetch.git;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.gomod.PathPatterns;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.fetch.git.locate.GoGetServer;
import io.goproxymirror.mirror.fetch.git.locate.GoImportDiscovery;
import io.goproxymirror.mirror.fetch.git.locate.RepoLocator;
import io.goproxymirror.mirror.fetch.git.locate.UrlRewrite;
import io.goproxymirror.mirror.fetch.git.transport.BareRepositories;
import io.goproxymirror.mirror.fetch.git.transport.GitAuth;
import io.goproxymirror.mirror.fetch.git.transport.GitCredentialRule;
import io.goproxymirror.mirror.fetch.git.transport.GitRemote;
import io.goproxymirror.mirror.fetch.git.transport.GitTimeouts;
import io.goproxymirror.mirror.fetch.git.transport.IsolatedGitConfig;
import io.goproxymirror.mirror.fetch.git.transport.SecretSource;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.testkit.GitHttpServer;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("credentials and go-import discovery")
class DirectSourceCredentialsTest {
  private static final String TOKEN = "corp-token-123";
  private static final GitTimeouts TIMEOUTS =
      new GitTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30));

  @TempDir Path tmp;
  private GoGetServer pages;
  private GitHttpServer guarded;
  private GitAuth auth;
  private GitWorkers workers;

  @BeforeEach
  void start() throws Exception {
    IsolatedGitConfig.install();
    try (GitRepoBuilder repo = GitRepoBuilder.createBare(tmp.resolve("git/team/lib"))) {
      repo.commit(Instant.parse("2022-02-02T02:02:02Z"), files("go.mod", "module go.vanity.example/lib\n"))
          .tag("v0.1.0");
    }
    guarded = GitHttpServer.start(tmp.resolve("git"), "mirror", TOKEN);
    pages = new GoGetServer();
    pages.page("go.vanity.example/lib", GoGetServer.html("go.vanity.example/lib git https://git.corp.example.com/team/lib"));
    auth = new GitAuth(List.of(new GitCredentialRule(guarded.baseUrl(), "mirror",
        Optional.of(SecretSource.env("T", Map.of("T", TOKEN))), Optional.empty(), Optional.empty(),
        tmp.resolve("known_hosts"), true)), tmp.resolve("ssh"), TIMEOUTS);
    workers = new GitWorkers(2, 8);
  }

  @AfterEach
  void stop() throws Exception {
    workers.shutdown();
    auth.close();
    pages.close();
    guarded.close();
  }

  private DirectSource source(String privatePatterns) {
    RepoLocator locator = new RepoLocator(List.of(),
        List.of(new UrlRewrite("https://git.corp.example.com/", guarded.baseUrl())),
        new GoImportDiscovery(pages.pageUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20),
        Duration.ofMinutes(1));
    MirrorMetrics metrics = new MirrorMetrics(new SimpleMeterRegistry());
    return new DirectSource(new DirectSource.Repos(locator, PathPatterns.parse(privatePatterns), auth,
        new BareRepositories(tmp.resolve("cache-" + privatePatterns.length()), new GitRemote(auth, metrics),
            Duration.ZERO)),
        workers, TIMEOUTS, metrics);
  }

  @Test
  @DisplayName("a go-import page cannot steer the mirror's credentials at a protected repository")
  void discoveredLocationOfPublicModuleGetsNoCredentials() {
    assertThatThrownBy(() -> source("").list("go.vanity.example/lib").blockingGet())
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("only modules matching 'private' may use");
    assertThat(guarded.requests()).isEmpty();
  }

  @Test
  @DisplayName("a private module may use the credentials wherever its go-import page points")
  void privateModuleUsesCredentials() {
    byte[] list = source("go.vanity.example").list("go.vanity.example/lib").blockingGet();
    assertThat(new String(list, StandardCharsets.US_ASCII)).isEqualTo("v0.1.0\n");
  }
}
