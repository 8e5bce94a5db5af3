package io.goproxymirror.mirror.fetch.git.transport;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.fetch.git.locate.Location;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.testkit.GitHttpServer;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Git over HTTP: the credentials of a repository go only to its origin, not where it redirects")
class GitRedirectCredentialsTest {
  private static final String TOKEN = "corp-token-456";
  private static final String BASIC = "Basic "
      + Base64.getEncoder().encodeToString(("mirror:" + TOKEN).getBytes(StandardCharsets.UTF_8));
  private static final GitTimeouts TIMEOUTS =
      new GitTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30));

  @TempDir Path tmp;
  private Vertx vertx;
  private GitHttpServer elsewhere;
  private HttpServer origin;
  private GitAuth auth;
  private final List<String> originAuthorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    IsolatedGitConfig.install();
    try (GitRepoBuilder repo = GitRepoBuilder.createBare(tmp.resolve("git/team/lib"))) {
      repo.commit(Instant.parse("2022-02-02T02:02:02Z"), files("go.mod", "module corp.example/lib\n")).tag("v0.1.0");
    }
    // The redirect target would serve the repository to anyone presenting the same credentials.
    elsewhere = GitHttpServer.start(tmp.resolve("git"), "mirror", TOKEN);
    vertx = Vertx.vertx();
    origin = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> {
          String authorization = req.getHeader("Authorization");
          originAuthorizations.add(String.valueOf(authorization));
          if (!BASIC.equals(authorization)) {
            req.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"git\"").end();
            return;
          }
          req.response().setStatusCode(302).putHeader("Location", elsewhere.baseUrl().replaceAll("/$", "")
              + req.uri()).end();
        })
        .listen().toCompletionStage().toCompletableFuture().join();
    String originUrl = "http://127.0.0.1:" + origin.actualPort() + "/";
    auth = new GitAuth(List.of(new GitCredentialRule(originUrl, "mirror",
        Optional.of(SecretSource.env("T", Map.of("T", TOKEN))), Optional.empty(), Optional.empty(),
        tmp.resolve("known_hosts"), true)), tmp.resolve("ssh"), TIMEOUTS);
  }

  @AfterEach
  void stop() {
    auth.close();
    elsewhere.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  @DisplayName("a repository that redirects to another origin gets the token there never")
  void redirectToOtherOrigin() {
    GitRemote remote = new GitRemote(auth, new MirrorMetrics(new SimpleMeterRegistry()));
    String url = "http://127.0.0.1:" + origin.actualPort() + "/team/lib";
    Throwable thrown = catchThrowable(() -> remote.listRefs(url, new DeadlineMonitor(Duration.ofSeconds(30))));
    assertThat(originAuthorizations).contains(BASIC);
    assertThat(elsewhere.requests()).isNotEmpty();
    assertThat(elsewhere.credentialedRequests()).isEmpty();
    assertThat(thrown).isInstanceOf(MirrorException.class).hasMessageNotContaining(TOKEN);
  }
}
