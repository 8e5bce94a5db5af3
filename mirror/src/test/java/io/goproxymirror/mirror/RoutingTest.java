package io.goproxymirror.mirror;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.goproxymirror.mirror.testkit.GitHttpServer;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("per-pattern routing: routes, noproxy, per-route negative TTLs and shared upstreams")
class RoutingTest {
  private static final Instant T1 = Instant.parse("2023-03-04T05:06:07Z");
  private static final String SECRET = "r0uteS3cretT0ken";

  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream global;
  private ScriptedUpstream corp;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    global = ScriptedUpstream.start(vertx);
    corp = ScriptedUpstream.start(vertx);
  }

  @AfterEach
  void tearDown() {
    global.close();
    corp.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static JsonArray upstreams(MirrorHarness mirror) {
    return new JsonObject(text(mirror.get("/status/upstreams"))).getJsonArray("upstreams");
  }

  @Test
  @DisplayName("a module matching a route asks only the route's upstream, others only the global list;"
      + " the routing is logged once, redacted")
  void routeUpstream() {
    global.otherwise(Reply.ok("v1.0.0\n"));
    corp.otherwise(Reply.ok("v9.9.9\n"));
    String routeList = corp.baseUrl().replace("http://", "http://bot:" + SECRET + "@");
    String yaml = """
        routes:
          - pattern: "corp.example.com/*"
            upstream: "%s"
          - pattern: "blocked.example.com"
            upstream: "off"
        """.formatted(routeList);
    ListAppender<ILoggingEvent> logs = captureLogs();
    try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("data"), yaml, global.baseUrl())) {
      HttpResponse<byte[]> routed = mirror.get("/corp.example.com/lib/@v/list");
      assertThat(routed.statusCode()).isEqualTo(200);
      assertThat(text(routed)).isEqualTo("v9.9.9\n");
      assertThat(corp.requests().paths()).containsExactly("/corp.example.com/lib/@v/list");
      assertThat(global.requests().total()).isZero();

      HttpResponse<byte[]> other = mirror.get("/example.com/other/@v/list");
      assertThat(text(other)).isEqualTo("v1.0.0\n");
      assertThat(global.requests().paths()).containsExactly("/example.com/other/@v/list");
      assertThat(corp.requests().total()).isEqualTo(1);

      assertThat(mirror.get("/corp.example.com.evil/x/@v/list").statusCode()).isEqualTo(200);
      assertThat(global.requests().total()).as("a lookalike host is not the route's").isEqualTo(2);

      assertThat(mirror.get("/blocked.example.com/x/@v/v1.0.0.info").statusCode()).isEqualTo(404);
      assertThat(global.requests().total() + corp.requests().total()).isEqualTo(3);

      JsonArray status = upstreams(mirror);
      assertThat(status.size()).isEqualTo(2);
      assertThat(status.getJsonObject(0).getString("upstream")).isEqualTo("127.0.0.1:" + global.port());
      assertThat(status.getJsonObject(1).getString("upstream")).isEqualTo("127.0.0.1:" + corp.port());
      assertThat(text(mirror.get("/metrics"))).doesNotContain(SECRET);
    } finally {
      releaseLogs(logs);
    }
    assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(SECRET));
    assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("event=routing")))
        .singleElement()
        .satisfies(line -> assertThat(line)
            .contains("routes=\"corp.example.com/* upstream=http://***@127.0.0.1:" + corp.port())
            .contains("blocked.example.com upstream=off negative-ttl=(global)")
            .contains("upstream=\"" + global.baseUrl() + "\""));
  }

  @Test
  @DisplayName("a noproxy module is built from Git without asking the upstream, and its checksum lookups"
      + " are still proxied; a private module's lookup is refused")
  void noproxyModule() {
    String lookup = "/lookup/github.com/acme/pub@v1.0.0";
    String privateLookup = "/lookup/github.com/privcorp/lib@v0.1.0";
    ScriptedUpstream database = corp;
    database.on(lookup, Reply.ok("7\ngithub.com/acme/pub v1.0.0 h1:x=\n\ngo.sum database tree\n"));
    database.otherwise(Reply.ok("should never be asked\n"));
    global.otherwise(Reply.ok("v0.0.1\n"));
    try (GitRepoBuilder pub = GitRepoBuilder.createBare(tmp.resolve("repos/github.com/acme/pub"));
        GitHttpServer git = GitHttpServer.start(tmp.resolve("repos"))) {
      pub.commit(T1, files("go.mod", "module github.com/acme/pub\n\ngo 1.19\n", "pub.go", "package pub\n"))
          .tag("v1.0.0");
      String yaml = """
          noproxy: "github.com/acme/*"
          private: "github.com/privcorp"
          git:
            rewrites:
              - from: "https://github.com/"
                to: "%sgithub.com/"
          """.formatted(git.baseUrl());
      try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("data"), yaml, global.baseUrl(),
          "MIRROR_SUMDB_DATABASES", "sum.golang.org=" + database.baseUrl())) {
        HttpResponse<byte[]> info = mirror.get("/github.com/acme/pub/@v/v1.0.0.info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(text(info)).getString("Time")).isEqualTo("2023-03-04T05:06:07Z");
        assertThat(text(mirror.get("/github.com/acme/pub/@v/list"))).isEqualTo("v1.0.0\n");
        assertThat(mirror.get("/github.com/acme/pub/@v/v1.0.0.zip").statusCode()).isEqualTo(200);
        assertThat(git.requests()).isNotEmpty();
        assertThat(global.requests().total()).isZero();

        HttpResponse<byte[]> sum = mirror.get("/sumdb/sum.golang.org" + lookup);
        assertThat(sum.statusCode()).isEqualTo(200);
        assertThat(text(sum)).startsWith("7\ngithub.com/acme/pub v1.0.0");
        assertThat(database.requests().paths()).containsExactly(lookup);

        HttpResponse<byte[]> refused = mirror.get("/sumdb/sum.golang.org" + privateLookup);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(database.requests().paths()).containsExactly(lookup);

        assertThat(text(mirror.get("/example.com/public/@v/list"))).isEqualTo("v0.0.1\n");
        assertThat(global.requests().paths()).containsExactly("/example.com/public/@v/list");
      }
    }
  }

  @Test
  @DisplayName("a route's list that reaches direct builds from Git after its proxy's 404, without the global list")
  void routeReachesDirect() {
    corp.otherwise(Reply.notFound());
    global.otherwise(Reply.ok("v0.0.1\n"));
    try (GitRepoBuilder pub = GitRepoBuilder.createBare(tmp.resolve("repos/github.com/acme/pub"));
        GitHttpServer git = GitHttpServer.start(tmp.resolve("repos"))) {
      pub.commit(T1, files("go.mod", "module github.com/acme/pub\n", "pub.go", "package pub\n")).tag("v1.0.0");
      String yaml = """
          routes:
            - pattern: "github.com/acme"
              upstream: "%s,direct"
          git:
            rewrites:
              - from: "https://github.com/"
                to: "%sgithub.com/"
          """.formatted(corp.baseUrl(), git.baseUrl());
      try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("data"), yaml, global.baseUrl())) {
        HttpResponse<byte[]> mod = mirror.get("/github.com/acme/pub/@v/v1.0.0.mod");
        assertThat(mod.statusCode()).isEqualTo(200);
        assertThat(text(mod)).isEqualTo("module github.com/acme/pub\n");
        assertThat(corp.requests().paths()).containsExactly("/github.com/acme/pub/@v/v1.0.0.mod");
        assertThat(global.requests().total()).isZero();
      }
    }
  }

  @Test
  @DisplayName("a route's negative-ttl (1s) replaces cache.negative-ttl (1h) for its modules only")
  void negativeTtlPerRoute() throws InterruptedException {
    global.otherwise(Reply.notFound());
    String yaml = """
        cache:
          negative-ttl: 1h
        routes:
          - pattern: "example.com/short"
            negative-ttl: 1s
        """;
    String shortInfo = "/example.com/short/@v/v1.0.0.info";
    String shortList = "/example.com/short/@v/list";
    String longInfo = "/example.com/long/@v/v1.0.0.info";
    try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("data"), yaml, global.baseUrl())) {
      for (String path : new String[] {shortInfo, shortList, longInfo}) {
        HttpResponse<byte[]> first = mirror.get(path);
        assertThat(first.statusCode()).as(path).isEqualTo(404);
        assertThat(first.headers().firstValue("X-Cache")).as(path).hasValue("MISS");
        HttpResponse<byte[]> again = mirror.get(path);
        assertThat(again.statusCode()).as(path).isEqualTo(404);
        assertThat(again.headers().firstValue("X-Cache")).as(path).hasValue("HIT");
        assertThat(global.requests().count(path)).as(path).isEqualTo(1);
      }
      Thread.sleep(1_200);
      for (String path : new String[] {shortInfo, shortList, longInfo}) {
        mirror.get(path);
      }
      assertThat(global.requests().count(shortInfo)).isEqualTo(2);
      assertThat(global.requests().count(shortList)).isEqualTo(2);
      assertThat(global.requests().count(longInfo)).as("still within the global 1h").isEqualTo(1);
    }
  }

  @Test
  @DisplayName("one URL in two lists is one upstream: its circuit opened through the global list is skipped"
      + " by the routes, each with its own separator")
  void sharedCircuit() {
    ScriptedUpstream shared = ScriptedUpstream.start(vertx);
    try {
      shared.otherwise(Reply.of(500, "boom\n"));
      global.otherwise(Reply.ok("v1.0.0\n"));
      corp.otherwise(Reply.ok("v2.0.0\n"));
      String yaml = """
          routes:
            - pattern: "corp.example.com"
              upstream: "%s|%s"
            - pattern: "strict.example.com"
              upstream: "%s,%s"
          """.formatted(shared.baseUrl(), corp.baseUrl(), shared.baseUrl(), corp.baseUrl());
      try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("data"), yaml,
          shared.baseUrl() + "|" + global.baseUrl(),
          "MIRROR_UPSTREAM_HEALTH_FAILURES_TO_OPEN", "1",
          "MIRROR_UPSTREAM_HEALTH_OPEN_FOR", "1h",
          "MIRROR_UPSTREAM_HEALTH_PROBE_INTERVAL", "1h")) {
        assertThat(text(mirror.get("/example.com/a/@v/list"))).isEqualTo("v1.0.0\n");
        assertThat(shared.requests().total()).isEqualTo(1);

        HttpResponse<byte[]> skipped = mirror.get("/corp.example.com/b/@v/list");
        assertThat(skipped.statusCode()).isEqualTo(200);
        assertThat(text(skipped)).isEqualTo("v2.0.0\n");
        HttpResponse<byte[]> strict = mirror.get("/strict.example.com/c/@v/list");
        assertThat(strict.statusCode()).isEqualTo(502);
        assertThat(text(strict)).contains("unavailable");
        assertThat(shared.requests().total()).as("the open circuit is shared").isEqualTo(1);
        assertThat(corp.requests().paths()).containsExactly("/corp.example.com/b/@v/list");

        JsonArray status = upstreams(mirror);
        assertThat(status.stream().map(o -> ((JsonObject) o).getString("upstream")))
            .containsExactly("127.0.0.1:" + shared.port(), "127.0.0.1:" + global.port(),
                "127.0.0.1:" + corp.port());
        assertThat(status.getJsonObject(0).getString("state")).isEqualTo("open");
        assertThat(text(mirror.get("/metrics")))
            .contains("goproxy_mirror_upstream_state{upstream=\"127.0.0.1:" + shared.port() + "\"} 1.0");
      }
    } finally {
      shared.close();
    }
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
