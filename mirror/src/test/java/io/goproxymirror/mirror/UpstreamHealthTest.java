package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.LoopbackPorts;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("upstream health: circuit breakers, probes and retries")
class UpstreamHealthTest {
  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream first;
  private ScriptedUpstream second;
  private MirrorHarness mirror;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    first = ScriptedUpstream.start(vertx);
    second = ScriptedUpstream.start(vertx);
    second.otherwise(Reply.ok("v1.0.0\n"));
  }

  @AfterEach
  void tearDown() {
    if (mirror != null) {
      mirror.close();
    }
    first.close();
    second.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private void start(String upstream, String... env) {
    String[] all = new String[env.length + 6];
    all[0] = "MIRROR_UPSTREAM_TIMEOUTS_FIRST_BYTE";
    all[1] = "1s";
    all[2] = "MIRROR_UPSTREAM_HEALTH_PROBE_INTERVAL";
    all[3] = "1h";
    all[4] = "MIRROR_UPSTREAM_HEALTH_OPEN_FOR";
    all[5] = "1h";
    System.arraycopy(env, 0, all, 6, env.length);
    // Later pairs win, so a test's own settings override the ones above.
    mirror = MirrorHarness.start(tmp.resolve("data"), upstream, all);
  }

  private static String list(int i) {
    return "/example.com/m" + i + "/@v/list";
  }

  private JsonObject status(int index) {
    HttpResponse<byte[]> response = mirror.get("/status/upstreams");
    assertThat(response.statusCode()).isEqualTo(200);
    return new JsonObject(new String(response.body(), StandardCharsets.UTF_8)).getJsonArray("upstreams")
        .getJsonObject(index);
  }

  private String metrics() {
    return new String(mirror.get("/metrics").body(), StandardCharsets.UTF_8);
  }

  private static String body(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a hanging first upstream behind | costs the first requests the timeout, then is skipped")
  void hangingUpstreamIsSkipped() {
    first.otherwise(Reply.hang());
    start(first.baseUrl() + "|" + second.baseUrl());
    long[] millis = new long[10];
    for (int i = 0; i < 10; i++) {
      long t0 = System.nanoTime();
      HttpResponse<byte[]> response = mirror.get(list(i));
      millis[i] = (System.nanoTime() - t0) / 1_000_000;
      assertThat(response.statusCode()).as("request %d", i + 1).isEqualTo(200);
      assertThat(body(response)).isEqualTo("v1.0.0\n");
    }
    System.out.printf("[upstream-health] hanging first upstream (first-byte 1s, failures-to-open 3):"
        + " 1st request %d ms, 10th request %d ms, all: %s%n", millis[0], millis[9], Arrays.toString(millis));
    assertThat(first.requests().total()).isEqualTo(3);
    JsonObject status = status(0);
    assertThat(status.getString("state")).isEqualTo("open");
    assertThat(status.getString("upstream")).isEqualTo("127.0.0.1:" + first.port());
    assertThat(status.getString("openedAt")).isNotNull();
    assertThat(status.getString("lastFailure")).contains("no response headers");
    assertThat(status(1).getString("state")).isEqualTo("closed");
    String metrics = metrics();
    assertThat(metrics).contains("goproxy_mirror_upstream_state{upstream=\"127.0.0.1:" + first.port() + "\"} 1.0");
    assertThat(metrics).contains(
        "goproxy_mirror_upstream_failures_total{kind=\"timeout\",upstream=\"127.0.0.1:" + first.port() + "\"} 3.0");
  }

  @Test
  @DisplayName("a 500-ing upstream behind , gives 502 and opens after failures-to-open; then 502 at once")
  void serverErrorsOpenTheCircuit() {
    first.otherwise(Reply.of(500, "boom\n"));
    start(first.baseUrl() + "," + second.baseUrl(), "MIRROR_UPSTREAM_HEALTH_FAILURES_TO_OPEN", "2");
    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> response = mirror.get(list(i));
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(body(response)).contains("500");
    }
    HttpResponse<byte[]> refused = mirror.get(list(3));
    assertThat(refused.statusCode()).isEqualTo(502);
    assertThat(body(refused)).contains("unavailable");
    assertThat(first.requests().total()).isEqualTo(2);
    assertThat(second.requests().total()).isZero();
    assertThat(status(0).getString("state")).isEqualTo("open");
    assertThat(status(0).getInteger("consecutiveFailures")).isEqualTo(2);
  }

  @Test
  @DisplayName("a probe closes the circuit once the upstream answers again")
  void probeClosesTheCircuit() throws InterruptedException {
    first.otherwise(Reply.of(500, "boom\n"));
    first.on("/", Reply.resetBeforeHeaders(), Reply.of(500, "still broken\n"));
    start(first.baseUrl() + "," + second.baseUrl(), "MIRROR_UPSTREAM_HEALTH_FAILURES_TO_OPEN", "1",
        "MIRROR_UPSTREAM_HEALTH_PROBE_INTERVAL", "200ms");
    assertThat(mirror.get(list(0)).statusCode()).isEqualTo(502);
    assertThat(status(0).getString("state")).isEqualTo("open");
    Thread.sleep(600);
    assertThat(status(0).getString("state")).as("a reset or 5xx probe keeps it open").isEqualTo("open");
    first.otherwise(Reply.ok("v2.0.0\n"));
    first.on("/", Reply.notFound());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!"closed".equals(status(0).getString("state")) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(status(0).getString("state")).isEqualTo("closed");
    HttpResponse<byte[]> response = mirror.get(list(1));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response)).isEqualTo("v2.0.0\n");
  }

  @Test
  @DisplayName("after open-for one request tries the upstream (half-open) and its success closes the circuit")
  void halfOpenTrialCloses() throws InterruptedException {
    first.on(list(0), Reply.of(500, "boom\n"));
    first.on(list(1), Reply.ok("v3.0.0\n"));
    start(first.baseUrl() + "," + second.baseUrl(), "MIRROR_UPSTREAM_HEALTH_FAILURES_TO_OPEN", "1",
        "MIRROR_UPSTREAM_HEALTH_OPEN_FOR", "300ms");
    assertThat(mirror.get(list(0)).statusCode()).isEqualTo(502);
    assertThat(body(mirror.get(list(1)))).contains("unavailable");
    Thread.sleep(400);
    HttpResponse<byte[]> trial = mirror.get(list(1));
    assertThat(trial.statusCode()).isEqualTo(200);
    assertThat(status(0).getString("state")).isEqualTo("closed");
  }

  @Test
  @DisplayName("503s are retried with backoff and the request succeeds within the deadline")
  void retriesServiceUnavailable() {
    first.on(list(0), Reply.of(503, "busy\n"), Reply.of(503, "busy\n"), Reply.ok("v1.2.3\n"));
    start(first.baseUrl() + "," + second.baseUrl(), "MIRROR_UPSTREAM_HEALTH_FAILURES_TO_OPEN", "5");
    HttpResponse<byte[]> response = mirror.get(list(0));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response)).isEqualTo("v1.2.3\n");
    assertThat(first.requests().count(list(0))).isEqualTo(3);
    assertThat(status(0).getString("state")).isEqualTo("closed");
    assertThat(status(0).getInteger("consecutiveFailures")).isZero();
    assertThat(metrics()).contains(
        "goproxy_mirror_upstream_retries_total{upstream=\"127.0.0.1:" + first.port() + "\"} 2.0");
  }

  @Test
  @DisplayName("a 429 with a Retry-After that fits the deadline is waited out; one that does not is a failure")
  void tooManyRequests() {
    first.on(list(0), Reply.of(429, "slow down\n").header("Retry-After", "1"), Reply.ok("v1.0.1\n"));
    first.on(list(1), Reply.of(429, "slow down\n").header("Retry-After", "3600"));
    start(first.baseUrl() + "," + second.baseUrl());
    long t0 = System.nanoTime();
    HttpResponse<byte[]> waited = mirror.get(list(0));
    System.out.printf("[upstream-health] 429 with Retry-After: 1 answered after %d ms%n",
        (System.nanoTime() - t0) / 1_000_000);
    assertThat(waited.statusCode()).isEqualTo(200);
    assertThat(first.requests().count(list(0))).isEqualTo(2);
    HttpResponse<byte[]> refused = mirror.get(list(1));
    assertThat(refused.statusCode()).isEqualTo(502);
    assertThat(body(refused)).contains("429");
    assertThat(first.requests().count(list(1))).isEqualTo(1);
    assertThat(status(0).getInteger("consecutiveFailures")).isEqualTo(1);
    assertThat(metrics()).contains(
        "goproxy_mirror_upstream_failures_total{kind=\"rate_limited\",upstream=\"127.0.0.1:" + first.port() + "\"} 1.0");
  }

  @Test
  @DisplayName("connection refused is retried, counted as connect failures and opens the circuit behind |")
  void connectErrorsAreRetried() {
    int closedPort = LoopbackPorts.free();
    start("http://127.0.0.1:" + closedPort + "|" + second.baseUrl(), "MIRROR_UPSTREAM_RETRIES_MAX", "2",
        "MIRROR_UPSTREAM_HEALTH_FAILURES_TO_OPEN", "3");
    assertThat(mirror.get(list(0)).statusCode()).isEqualTo(200);
    assertThat(mirror.get(list(1)).statusCode()).isEqualTo(200);
    JsonObject status = status(0);
    assertThat(status.getString("state")).isEqualTo("open");
    assertThat(status.getInteger("failures")).isEqualTo(3);
    String metrics = metrics();
    assertThat(metrics).contains(
        "goproxy_mirror_upstream_failures_total{kind=\"connect\",upstream=\"127.0.0.1:" + closedPort + "\"} 3.0");
    assertThat(metrics).contains("goproxy_mirror_upstream_retries_total{upstream=\"127.0.0.1:" + closedPort + "\"} 2.0");
  }

  @Test
  @DisplayName("404s never open a circuit")
  void notFoundIsHealthy() {
    start(first.baseUrl() + "," + second.baseUrl(), "MIRROR_UPSTREAM_HEALTH_FAILURES_TO_OPEN", "1");
    for (int i = 0; i < 5; i++) {
      assertThat(mirror.get(list(i)).statusCode()).isEqualTo(200);
    }
    assertThat(first.requests().total()).isEqualTo(5);
    assertThat(status(0).getString("state")).isEqualTo("closed");
    assertThat(status(0).getInteger("failures")).isZero();
    assertThat(status(0).getInteger("successes")).isEqualTo(5);
  }
}
