package io.goproxymirror.mirror.fetch.git.locate;

import static io.goproxymirror.mirror.fetch.git.locate.GoGetServer.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RepoLocatorTest {
  private static final List<RepoTemplate> TEMPLATES = List.of(
      new RepoTemplate("github.com/acme", 1, "ssh://git@github.com/acme/{path}.git"),
      new RepoTemplate("git.corp.example.com", "ssh://git@git.corp.example.com:2222/{path}.git"));
  private static final List<UrlRewrite> REWRITES = List.of(
      new UrlRewrite("https://github.com/", "http://127.0.0.1:18081/github.com/"),
      new UrlRewrite("https://git.vanity.example/", "http://127.0.0.1:18082/"));

  private GoGetServer server;
  private RepoLocator locator;

  @BeforeEach
  void start() throws IOException {
    server = new GoGetServer();
    locator = locator(Duration.ofMinutes(1));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RepoLocator locator(Duration ttl) {
    GoImportDiscovery discovery =
        new GoImportDiscovery(server.pageUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20);
    return new RepoLocator(TEMPLATES, REWRITES, discovery, ttl);
  }

  @Test
  @DisplayName("templates come first, then known hosts, both without discovery requests")
  void templatesThenKnownHosts() {
    assertThat(locator.locate("github.com/acme/x/v2")).isEqualTo(new Location(
        new RepoRoot("github.com/acme/x", "ssh://git@github.com/acme/x.git", "git"), "ssh://git@github.com/acme/x.git"));
    assertThat(locator.locate("git.corp.example.com/team/lib/sub")).isEqualTo(new Location(
        new RepoRoot("git.corp.example.com/team/lib", "ssh://git@git.corp.example.com:2222/team/lib.git", "git"),
        "ssh://git@git.corp.example.com:2222/team/lib.git"));
    Location known = locator.locate("github.com/Other/Repo/sub");
    assertThat(known.root()).isEqualTo(new RepoRoot("github.com/Other/Repo", "https://github.com/Other/Repo", "git"));
    assertThat(known.fetchUrl()).isEqualTo("http://127.0.0.1:18081/github.com/Other/Repo");
    Location qualified = locator.locate("example.com/team/foo.git/bar");
    assertThat(qualified.root().root()).isEqualTo("example.com/team/foo.git");
    assertThat(qualified.fetchUrl()).isEqualTo("https://example.com/team/foo");
    assertThat(server.requests("github.com/Other/Repo/sub")).isZero();
  }

  @Test
  @DisplayName("discovered roots keep the public URL and are fetched through the rewrites")
  void discoveredAndRewritten() {
    server.page("go.vanity.example/lib", html("go.vanity.example/lib git https://git.vanity.example/lib.git"));
    Location location = locator.locate("go.vanity.example/lib");
    assertThat(location.root().url()).isEqualTo("https://git.vanity.example/lib.git");
    assertThat(location.fetchUrl()).isEqualTo("http://127.0.0.1:18082/lib.git");
  }

  @Test
  @DisplayName("non-git repositories and module proxies are not supported")
  void onlyGit() {
    server.page("go.vanity.example/p", html("go.vanity.example/p mod https://proxy.vanity.example"));
    server.page("go.vanity.example/h", html("go.vanity.example/h hg https://hg.vanity.example/h"));
    assertThatThrownBy(() -> locator.locate("go.vanity.example/p"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("go.vanity.example/p: served by a module proxy at https://proxy.vanity.example;"
            + " not supported in direct mode");
    assertThatThrownBy(() -> locator.locate("go.vanity.example/h"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("uses hg, which is not supported");
    assertThatThrownBy(() -> locator.locate("example.com/x.svn/y"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("repository example.com/x.svn uses svn");
    assertThatThrownBy(() -> locator.locate("chiselapp.com/user/u/repository/r"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("uses fossil");
  }

  @Test
  @DisplayName("discovery outcomes, found or not found, are cached; network failures are not")
  void caching() {
    server.page("go.vanity.example/c", html("go.vanity.example/c git https://git.vanity.example/c"));
    locator.locate("go.vanity.example/c");
    locator.locate("go.vanity.example/c");
    assertThat(server.requests("go.vanity.example/c")).isEqualTo(1);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> locator.locate("go.vanity.example/missing"))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("no go-import meta tags");
    }
    assertThat(server.requests("go.vanity.example/missing")).isEqualTo(1);

    AtomicInteger calls = new AtomicInteger();
    byte[] page = html("go.vanity.example/flaky git https://git.vanity.example/flaky").getBytes(StandardCharsets.UTF_8);
    server.answer("go.vanity.example/flaky", exchange ->
        GoGetServer.send(exchange, calls.incrementAndGet() == 1 ? 503 : 200, calls.get() == 1 ? new byte[0] : page));
    assertThatThrownBy(() -> locator.locate("go.vanity.example/flaky")).isInstanceOf(UpstreamFailedException.class);
    assertThat(locator.locate("go.vanity.example/flaky").root().url()).isEqualTo("https://git.vanity.example/flaky");
  }

  @Test
  @DisplayName("cached outcomes expire after the TTL")
  void expiry() throws InterruptedException {
    RepoLocator shortLived = locator(Duration.ofMillis(100));
    server.page("go.vanity.example/t", html("go.vanity.example/t git https://git.vanity.example/t"));
    shortLived.locate("go.vanity.example/t");
    Thread.sleep(300);
    shortLived.locate("go.vanity.example/t");
    assertThat(server.requests("go.vanity.example/t")).isEqualTo(2);
  }

  @Test
  @DisplayName("concurrent lookups of one path share one discovery")
  void sharedDiscovery() throws Exception {
    byte[] page = html("go.vanity.example/s git https://git.vanity.example/s").getBytes(StandardCharsets.UTF_8);
    server.answer("go.vanity.example/s", exchange -> {
      Thread.sleep(300);
      GoGetServer.send(exchange, 200, page);
    });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Location>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> locator.locate("go.vanity.example/s")));
      }
      for (Future<Location> result : results) {
        assertThat(result.get().root().url()).isEqualTo("https://git.vanity.example/s");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.requests("go.vanity.example/s")).isEqualTo(1);
  }

  @Test
  @DisplayName("invalid paths under known sites are not found without discovery")
  void invalidKnownSitePath() {
    assertThatThrownBy(() -> locator.locate("github.com/solo"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("github.com/solo: invalid github.com import path");
    assertThat(server.requests("github.com/solo")).isZero();
  }
}
