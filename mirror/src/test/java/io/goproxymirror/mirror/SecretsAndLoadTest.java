package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("credentials and load shedding")
class SecretsAndLoadTest {
  private static final String SECRET = "s3cr3t-t0ken-value";
  @TempDir Path tmp;

  @Test
  @DisplayName("upstream userinfo is sent as Basic auth and never appears in logs, error bodies or metrics")
  void credentialsStayPrivate() throws Exception {
    Vertx vertx = Vertx.vertx();
    List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpServer upstream = vertx.createHttpServer().requestHandler(req -> {
      authorizations.add(String.valueOf(req.getHeader("Authorization")));
      req.response().setStatusCode(500).end("upstream exploded\n");
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"),
        "http://ci-bot:" + SECRET + "@127.0.0.1:" + upstream.actualPort())) {
      HttpResponse<byte[]> failed = mirror.get("/example.com/private/@v/v1.0.0.mod");
      assertThat(failed.statusCode()).isEqualTo(502);
      assertThat(new String(failed.body(), StandardCharsets.UTF_8)).doesNotContain(SECRET).doesNotContain("ci-bot");
      assertThat(new String(mirror.get("/metrics").body(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
      assertThat(authorizations).contains("Basic " + Base64.getEncoder()
          .encodeToString(("ci-bot:" + SECRET).getBytes(StandardCharsets.UTF_8)));
    } finally {
      root.detachAppender(logs);
      upstream.close();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent event : logs.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(SECRET);
      if (event.getThrowableProxy() != null) {
        assertThat(event.getThrowableProxy().getMessage()).doesNotContain(SECRET);
      }
    }
  }

  @Test
  @DisplayName("past fetch.max-concurrent, with fetch.queue 0, a miss gets 503 with Retry-After while warm hits are still served")
  void shedsMissesNotHits() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ScriptedUpstream upstream = ScriptedUpstream.start(vertx)) {
      upstream.on("/example.com/m/@v/v1.0.0.mod", Reply.ok("module example.com/m\n"));
      upstream.on("/example.com/m/@v/v1.1.0.mod", Reply.ok("module example.com/m\n").delayHeaders(Duration.ofSeconds(3)));
      upstream.on("/example.com/m/@v/v1.2.0.mod", Reply.ok("module example.com/m\n"));
      try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl(),
          "MIRROR_FETCH_MAX_CONCURRENT", "1", "MIRROR_FETCH_QUEUE", "0")) {
        assertThat(mirror.get("/example.com/m/@v/v1.0.0.mod").statusCode()).isEqualTo(200);
        CompletableFuture<HttpResponse<byte[]>> slow =
            CompletableFuture.supplyAsync(() -> mirror.get("/example.com/m/@v/v1.1.0.mod"));
        long deadline = System.currentTimeMillis() + 5000;
        while (upstream.requests().count("/example.com/m/@v/v1.1.0.mod") == 0 && System.currentTimeMillis() < deadline) {
          Thread.sleep(10);
        }
        HttpResponse<byte[]> shed = mirror.get("/example.com/m/@v/v1.2.0.mod");
        assertThat(shed.statusCode()).isEqualTo(503);
        assertThat(shed.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<byte[]> hit = mirror.get("/example.com/m/@v/v1.0.0.mod");
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(mirror.get("/example.com/m/@v/v1.2.0.mod").statusCode()).isEqualTo(200);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
