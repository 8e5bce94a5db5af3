package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("upstream credentials go only to their origin; upstream error bodies stay out of answers")
class UpstreamCredentialsTest {
  private static final String M = "example.com/creds";
  private static final String INFO = "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-02T03:04:05Z\"}";
  private static final String PASSWORD = "S3cr3tP4ss";
  private static final String BASIC = "Basic "
      + Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  @TempDir Path tmp;
  private Vertx vertx;
  private final List<Recorded> first = new CopyOnWriteArrayList<>();
  private final List<Recorded> second = new CopyOnWriteArrayList<>();
  private HttpServer origin;
  private HttpServer other;

  private record Recorded(String path, String authorization) {}

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  @DisplayName("a redirect to another origin is followed without the credentials")
  void redirectToOtherOriginDropsCredentials() {
    other = listen(second, req -> req.response().putHeader("Content-Type", "application/json").end(INFO));
    origin = listen(first, req -> req.response().setStatusCode(302)
        .putHeader("Location", "http://127.0.0.1:" + other.actualPort() + "/elsewhere" + req.path()).end());
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), withCredentials(origin))) {
      HttpResponse<byte[]> info = mirror.get("/" + M + "/@v/v1.0.0.info");
      assertThat(info.statusCode()).isEqualTo(200);
      assertThat(new String(info.body(), StandardCharsets.UTF_8)).contains("v1.0.0");
    }
    assertThat(first).extracting(Recorded::authorization).containsOnly(BASIC);
    assertThat(second).isNotEmpty().extracting(Recorded::authorization).containsOnlyNulls();
  }

  @Test
  @DisplayName("a redirect within the same origin keeps the credentials")
  void redirectWithinOriginKeepsCredentials() {
    origin = listen(first, req -> {
      if (req.path().startsWith("/moved/")) {
        req.response().putHeader("Content-Type", "application/json").end(INFO);
      } else {
        req.response().setStatusCode(302).putHeader("Location", "/moved" + req.path()).end();
      }
    });
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), withCredentials(origin))) {
      assertThat(mirror.get("/" + M + "/@v/v1.0.0.info").statusCode()).isEqualTo(200);
    }
    assertThat(first).extracting(Recorded::path)
        .containsExactly("/" + M + "/@v/v1.0.0.info", "/moved/" + M + "/@v/v1.0.0.info");
    assertThat(first).extracting(Recorded::authorization).containsOnly(BASIC);
  }

  @Test
  @DisplayName("an upstream's error body reaches no client; it is logged redacted, on one line, truncated")
  void errorBodyIsNotPassedOn() {
    String leaky = "internal error: GET https://bob:hunter2pass@db.internal.example/x failed"
        + " token=ghp_0123456789abcdefghijABCDEFGHIJ0123 Authorization: Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl"
        + " password=" + PASSWORD + " " + "x".repeat(400) + "\nsecond line with more detail";
    origin = listen(first, req -> req.response().setStatusCode(500).end(leaky));
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root().addAppender(logs);
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), withCredentials(origin))) {
      HttpResponse<byte[]> info = mirror.get("/" + M + "/@v/v1.0.0.info");
      String body = new String(info.body(), StandardCharsets.UTF_8);
      assertThat(info.statusCode()).isEqualTo(502);
      assertThat(body).doesNotContain("internal error", "hunter2", "ghp_", "eyJ", PASSWORD, "xxxx", "second line");
      assertThat(body.strip()).doesNotContain("\n").contains("500");
    } finally {
      root().detachAppender(logs);
    }
    List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(line -> line.contains("upstream_error")).toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      assertThat(line).doesNotContain("\n", "hunter2", "ghp_0123", "eyJhbGciOi", PASSWORD, "second line");
      assertThat(line).contains("status=500", "internal error: GET https://", "db.internal.example");
      String logged = line.substring(line.indexOf("body=\"") + 6);
      assertThat(logged.length()).isLessThanOrEqualTo(200 + 4);
    }
  }

  @Test
  @DisplayName("upstream text quoted in a rejection (a wrong .info Version) is redacted")
  void quotedUpstreamTextIsRedacted() {
    origin = listen(first, req -> req.response().putHeader("Content-Type", "application/json")
        .end("{\"Version\":\"https://bob:hunter2pass@db.internal.example/token=ghp_0123456789abcdefghij\"}"));
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), withCredentials(origin))) {
      HttpResponse<byte[]> info = mirror.get("/" + M + "/@v/v1.0.0.info");
      assertThat(info.statusCode()).isEqualTo(502);
      assertThat(new String(info.body(), StandardCharsets.UTF_8)).contains("instead of v1.0.0")
          .doesNotContain("hunter2pass", "ghp_0123");
    }
  }

  private static String withCredentials(HttpServer server) {
    return "http://alice:" + PASSWORD + "@127.0.0.1:" + server.actualPort();
  }

  private HttpServer listen(List<Recorded> log, Handler<HttpServerRequest> handler) {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> {
          log.add(new Recorded(req.path(), req.getHeader("Authorization")));
          handler.handle(req);
        })
        .listen()
        .toCompletionStage().toCompletableFuture().join();
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
