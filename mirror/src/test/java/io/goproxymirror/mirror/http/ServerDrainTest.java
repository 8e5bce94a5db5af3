package io.goproxymirror.mirror.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.testkit.LoopbackPorts;
import io.goproxymirror.mirror.testkit.RawHttp;
import io.goproxymirror.mirror.testkit.RawHttp.Answer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("the HTTP verticle and /readyz through the phases of a shutdown")
@Timeout(60)
class ServerDrainTest {
  private Vertx vertx;
  private ServerDrain drain;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    drain = new ServerDrain();
    port = LoopbackPorts.free();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    OpsRoutes ops = new OpsRoutes(registry, () -> true, JsonArray::new, () -> false, drain::shuttingDown);
    HttpSettings settings = new HttpSettings("127.0.0.1", port, Duration.ofSeconds(10), Duration.ofSeconds(1),
        Duration.ofSeconds(5), Optional.empty());
    vertx.deployVerticle(() -> new HttpVerticle(settings, new ThrottledLog(Duration.ofSeconds(10)), router -> {
      ops.mount(router);
      router.get("/hello").handler(ctx -> ctx.response().end("hello\n"));
    }, drain), new DeploymentOptions().setInstances(1)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("while serving: /readyz is 200 and a connection is kept alive between requests")
  void serving() throws IOException {
    try (Socket socket = RawHttp.connect(port)) {
      Answer ready = RawHttp.exchange(socket, "/readyz");
      Answer hello = RawHttp.exchange(socket, "/hello");

      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("ready\n");
      assertThat(ready.headers()).doesNotContainKey("connection");
      assertThat(hello.status()).isEqualTo(200);
      assertThat(hello.body()).isEqualTo("hello\n");
    }
  }

  @Test
  @DisplayName("while draining: /readyz is 503, other requests are served, each with Connection: close, and the"
      + " connection (opened before the drain) is closed after the answer")
  void draining() throws IOException {
    try (Socket kept = RawHttp.connect(port); Socket other = RawHttp.connect(port)) {
      assertThat(RawHttp.exchange(kept, "/hello").status()).isEqualTo(200);

      assertThat(drain.drain()).isTrue();
      Answer hello = RawHttp.exchange(kept, "/hello");
      Answer ready = RawHttp.exchange(other, "/readyz");

      assertThat(hello.status()).isEqualTo(200);
      assertThat(hello.body()).isEqualTo("hello\n");
      assertThat(hello.headers()).containsEntry("connection", "close");
      assertThat(RawHttp.closedByServer(kept)).as("the connection closed after the answer").isTrue();
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).isEqualTo("shutting down\n");
      assertThat(ready.headers()).containsEntry("cache-control", "no-store");
      assertThat(RawHttp.closedByServer(other)).isTrue();
      assertThat(drain.drain()).as("a second drain").isFalse();
    }
  }

  @Test
  @DisplayName("once closing: a request that still arrives is refused with 503, Retry-After and Connection: close")
  void closing() throws IOException {
    try (Socket kept = RawHttp.connect(port)) {
      assertThat(RawHttp.exchange(kept, "/hello").status()).isEqualTo(200);

      drain.close();
      Answer refused = RawHttp.exchange(kept, "/hello");

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body()).isEqualTo("shutting down; retry on another replica\n");
      assertThat(refused.headers()).containsEntry("retry-after", "1").containsEntry("connection", "close");
      assertThat(RawHttp.closedByServer(kept)).isTrue();
      assertThat(drain.shuttingDown()).isTrue();
    }
  }
}
