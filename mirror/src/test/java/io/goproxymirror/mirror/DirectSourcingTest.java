package io.goproxymirror.mirror;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.goproxymirror.mirror.testkit.GitHttpServer;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.goproxymirror.mirror.testkit.GitSshServer;
import io.goproxymirror.mirror.testkit.GoClient;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.RequiredTools;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("direct mode: routing, private modules, credentials, reuse and errors")
class DirectSourcingTest {
  private static final Instant T1 = Instant.parse("2023-03-04T05:06:07Z");
  private static final String TOKEN = "glpat-Sup3rS3cretT0ken";

  @TempDir Path tmp;
  private Vertx vertx;
  private GitHttpServer git;
  private GitRepoBuilder pub;

  @BeforeEach
  void repos() {
    vertx = Vertx.vertx();
    pub = GitRepoBuilder.createBare(tmp.resolve("repos/github.com/acme/pub"));
    pub.commit(T1, files("go.mod", "module github.com/acme/pub\n\ngo 1.19\n", "pub.go", "package pub\n"))
        .tag("v1.0.0");
    git = GitHttpServer.start(tmp.resolve("repos"));
  }

  @AfterEach
  void stop() {
    pub.close();
    git.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private String rewrites(String extra) {
    return """
        git:
          rewrites:
            - from: "https://github.com/"
              to: "%sgithub.com/"
        %s""".formatted(git.baseUrl(), extra);
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("',direct' builds from Git after a 404, but a 500 stops before Git; '|direct' goes on after a 500")
  void upstreamListReachesDirect() {
    try (ScriptedUpstream proxy = ScriptedUpstream.start(vertx)) {
      proxy.otherwise(Reply.notFound());
      proxy.on("/github.com/acme/pub/@v/v1.0.0.zip", Reply.of(500, "broken"));
      try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("d1"), rewrites(""),
          proxy.baseUrl() + ",direct")) {
        HttpResponse<byte[]> info = mirror.get("/github.com/acme/pub/@v/v1.0.0.info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(text(info)).getString("Time")).isEqualTo("2023-03-04T05:06:07Z");
        assertThat(mirror.get("/github.com/acme/pub/@v/v1.0.0.zip").statusCode()).isEqualTo(502);
      }
      try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("d2"), rewrites(""),
          proxy.baseUrl() + "|direct")) {
        assertThat(mirror.get("/github.com/acme/pub/@v/v1.0.0.zip").statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  @DisplayName("private modules are built from Git with the token from the environment and never asked of a proxy")
  void privateModulesOverBasicAuth() {
    try (GitRepoBuilder priv = GitRepoBuilder.createBare(tmp.resolve("private/github.com/privcorp/lib"));
        GitHttpServer guarded = GitHttpServer.start(tmp.resolve("private"), "mirror", TOKEN);
        ScriptedUpstream proxy = ScriptedUpstream.start(vertx)) {
      priv.commit(T1, files("go.mod", "module github.com/privcorp/lib\n", "lib.go", "package lib\n")).tag("v0.1.0");
      proxy.otherwise(Reply.notFound());
      String yaml = """
          private: "github.com/privcorp/*"
          git:
            rewrites:
              - from: "https://github.com/privcorp/"
                to: "%sgithub.com/privcorp/"
            credentials:
              - prefix: "%s"
                username: mirror
                token-env: CORP_GIT_TOKEN
          """.formatted(guarded.baseUrl(), guarded.baseUrl());
      ListAppender<ILoggingEvent> logs = captureLogs();
      try {
        try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("d"), yaml, proxy.baseUrl(),
            "CORP_GIT_TOKEN", TOKEN)) {
          GoClient go = new GoClient(tmp.resolve("go"), mirror.baseUrl());
          assertThat(go.download("github.com/privcorp/lib", "v0.1.0").version()).isEqualTo("v0.1.0");
          assertThat(go.listVersions("github.com/privcorp/lib").versions()).containsExactly("v0.1.0");
          assertThat(proxy.requests().total()).isZero();
          assertThat(text(mirror.get("/metrics"))).doesNotContain(TOKEN);
        }
        try (MirrorHarness refused = MirrorHarness.startWithYaml(tmp.resolve("d-wrong"), yaml, proxy.baseUrl(),
            "CORP_GIT_TOKEN", "wrong-token")) {
          HttpResponse<byte[]> denied = refused.get("/github.com/privcorp/lib/@v/v0.1.0.info");
          assertThat(denied.statusCode()).isEqualTo(404);
          assertThat(text(denied)).contains("not found or access denied").doesNotContain("wrong-token")
              .doesNotContain(TOKEN);
          assertThat(proxy.requests().total()).isZero();
        }
      } finally {
        releaseLogs(logs);
      }
      assertThat(logs.list).isNotEmpty();
      assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(TOKEN)
          .doesNotContain("wrong-token"));
      assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("event=git_failed"));
    }
  }

  @Test
  @DisplayName("a team's modules map to its SSH server through a repository template and a key")
  void privateModulesOverSsh() {
    RequiredTools.go();
    try (GitRepoBuilder team = GitRepoBuilder.createBare(tmp.resolve("ssh/team-lib"))) {
      team.commit(T1, files("go.mod", "module git.corp.example.com/team/lib\n\ngo 1.19\n", "lib.go", "package lib\n",
          "sub/go.mod", "module git.corp.example.com/team/lib/sub\n", "sub/s.go", "package sub\n")).tag("v1.2.0")
          .tag("sub/v0.3.0");
      try (GitSshServer ssh = GitSshServer.start(team.dir(), tmp.resolve("keys"))) {
        String yaml = """
            private: "git.corp.example.com"
            git:
              repositories:
                - prefix: "git.corp.example.com/"
                  url: "%s{path}.git"
              credentials:
                - prefix: "%s"
                  ssh-key-file: "%s"
                  known-hosts-file: "%s"
            """.formatted(ssh.baseUrl(), ssh.baseUrl(), ssh.clientKey(), ssh.knownHosts());
        try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("d"), yaml, "off")) {
          GoClient go = new GoClient(tmp.resolve("go"), mirror.baseUrl());
          assertThat(go.download("git.corp.example.com/team/lib", "v1.2.0").version()).isEqualTo("v1.2.0");
          assertThat(go.download("git.corp.example.com/team/lib/sub", "v0.3.0").version()).isEqualTo("v0.3.0");
          JsonObject origin = new JsonObject(text(mirror.get("/git.corp.example.com/team/lib/sub/@v/v0.3.0.info")))
              .getJsonObject("Origin");
          assertThat(origin.getString("Subdir")).isEqualTo("sub");
          assertThat(origin.getString("URL")).isEqualTo(ssh.baseUrl() + "team/lib.git");
        }
        String spoofed = yaml.replace(ssh.knownHosts().toString(), ssh.wrongKnownHosts().toString());
        try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("d2"), spoofed, "off")) {
          assertThat(mirror.get("/git.corp.example.com/team/lib/@v/v1.2.0.info").statusCode()).isEqualTo(404);
        }
      }
    }
  }

  @Test
  @DisplayName("a second version from the same repository is fetched into the same bare repository, never cloned again")
  void reusesTheBareRepository() throws IOException {
    try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("d"), rewrites(""), "direct",
        "MIRROR_GIT_REFS_TTL", "1ms")) {
      assertThat(mirror.get("/github.com/acme/pub/@v/v1.0.0.zip").statusCode()).isEqualTo(200);
      pub.commit(Instant.parse("2023-05-06T07:08:09Z"),
          files("go.mod", "module github.com/acme/pub\n\ngo 1.19\n", "pub.go", "package pub\n", "b.go", "package pub\n"))
          .tag("v1.1.0");
      assertThat(mirror.get("/github.com/acme/pub/@v/v1.1.0.zip").statusCode()).isEqualTo(200);
      assertThat(text(mirror.get("/github.com/acme/pub/@v/list"))).isEqualTo("v1.0.0\nv1.1.0\n");
      String metrics = text(mirror.get("/metrics"));
      assertThat(metric(metrics, "clone")).isEqualTo(1.0);
      assertThat(metric(metrics, "fetch")).isEqualTo(1.0);
      try (Stream<Path> dirs = Files.list(mirror.dataDir().resolve(".git-cache"))) {
        assertThat(dirs.filter(d -> !d.getFileName().toString().startsWith("."))).hasSize(1);
      }
    }
  }

  @Test
  @DisplayName("unknown repository or version is a one-line 404; an unreachable Git server 502; a silent one 504")
  void errors() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String yaml = rewrites("""
            repositories:
              - prefix: "closed.example.com/"
                url: "http://127.0.0.1:%d/{path}"
              - prefix: "silent.example.com/"
                url: "http://127.0.0.1:%d/{path}"
          """.formatted(closed, silent.getLocalPort()));
      try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("d"), yaml, "direct",
          "MIRROR_GIT_IDLE_TIMEOUT", "1s")) {
        HttpResponse<byte[]> noRepo = mirror.get("/github.com/acme/none/@v/v1.0.0.info");
        assertThat(noRepo.statusCode()).isEqualTo(404);
        assertThat(text(noRepo).strip()).doesNotContain("\n").contains("not found");
        HttpResponse<byte[]> noVersion = mirror.get("/github.com/acme/pub/@v/v9.9.9.info");
        assertThat(noVersion.statusCode()).isEqualTo(404);
        assertThat(text(noVersion).strip()).doesNotContain("\n");
        assertThat(mirror.get("/closed.example.com/team/lib/@v/v1.0.0.info").statusCode()).isEqualTo(502);
        assertThat(mirror.get("/silent.example.com/team/lib/@v/v1.0.0.info").statusCode()).isEqualTo(504);
      }
    }
  }

  private static double metric(String prometheus, String operation) {
    return prometheus.lines()
        .filter(l -> l.startsWith("goproxy_mirror_git_operations_seconds_count{")
            && l.contains("operation=\"" + operation + "\"") && l.contains("result=\"ok\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root().addAppender(logs);
    return logs;
  }

  private static void releaseLogs(ListAppender<ILoggingEvent> logs) {
    root().detachAppender(logs);
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
