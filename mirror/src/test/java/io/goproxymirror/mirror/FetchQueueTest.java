package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the bounded fetch queue")
class FetchQueueTest {
  private static final String M = "example.com/queued";
  private static final String HANG = "example.com/hanging";

  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream upstream;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    upstream = ScriptedUpstream.start(vertx);
  }

  @AfterEach
  void tearDown() {
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  @DisplayName("while one hanging fetch holds the only permit, hits answer at once, one miss waits, the next gets 503, and the waiting one succeeds after the hang times out")
  void hitsNeverWait() throws Exception {
    byte[] zip = ModuleFixture.zip(Map.of(
        M + "@v1.0.0/go.mod", "module example.com/queued\n".getBytes(StandardCharsets.UTF_8),
        M + "@v1.0.0/q.go", "package queued\n".getBytes(StandardCharsets.UTF_8)));
    upstream.on("/" + M + "/@v/v1.0.0.info", Reply.json("{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-02T03:04:05Z\"}"));
    upstream.on("/" + M + "/@v/v1.0.0.mod", Reply.ok("module example.com/queued\n"));
    upstream.on("/" + M + "/@v/v1.0.0.zip", Reply.ok(zip, "application/zip"));
    upstream.on("/" + M + "/@v/list", Reply.ok("v1.0.0\n"));
    upstream.on("/" + M + "/@v/v1.1.0.mod", Reply.ok("module example.com/queued\n\ngo 1.21\n"));
    upstream.on("/" + M + "/@v/v1.2.0.mod", Reply.ok("module example.com/queued\n"));
    upstream.on("/" + HANG + "/@v/v1.0.0.info", Reply.hang());
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl(),
        "MIRROR_FETCH_MAX_CONCURRENT", "1",
        "MIRROR_FETCH_QUEUE", "1",
        "MIRROR_FETCH_QUEUE_WAIT", "30s",
        "MIRROR_UPSTREAM_TIMEOUTS_FIRST_BYTE", "3s")) {
      for (String artifact : new String[] {"@v/v1.0.0.info", "@v/v1.0.0.mod", "@v/v1.0.0.zip", "@v/list"}) {
        assertThat(mirror.get("/" + M + "/" + artifact).statusCode()).as(artifact).isEqualTo(200);
      }

      long hangStart = System.nanoTime();
      CompletableFuture<HttpResponse<byte[]>> hanging =
          CompletableFuture.supplyAsync(() -> mirror.get("/" + HANG + "/@v/v1.0.0.info"));
      await(() -> upstream.requests().count("/" + HANG + "/@v/v1.0.0.info") == 1, "the hanging fetch to start");

      for (String artifact : new String[] {"@v/v1.0.0.info", "@v/v1.0.0.mod", "@v/v1.0.0.zip", "@v/list"}) {
        long start = System.nanoTime();
        HttpResponse<byte[]> hit = mirror.get("/" + M + "/" + artifact);
        System.out.printf("[fetch-queue] hit %s while the permit is held: %d ms%n",
            artifact, (System.nanoTime() - start) / 1_000_000);
        assertThat(hit.statusCode()).as(artifact).isEqualTo(200);
        assertThat(hit.headers().firstValue("X-Cache")).as(artifact).hasValue("HIT");
      }
      assertThat(hanging).isNotDone();

      CompletableFuture<HttpResponse<byte[]>> queued =
          CompletableFuture.supplyAsync(() -> mirror.get("/" + M + "/@v/v1.1.0.mod"));
      await(() -> metric(mirror, "goproxy_mirror_fetch_queue_depth 1.0"), "the second miss to queue");

      HttpResponse<byte[]> shed = mirror.get("/" + M + "/@v/v1.2.0.mod");
      assertThat(shed.statusCode()).isEqualTo(503);
      assertThat(shed.headers().firstValue("Retry-After")).isPresent();
      assertThat(metric(mirror, "goproxy_mirror_fetch_rejected_total{reason=\"queue_full\"} 1.0")).isTrue();
      assertThat(upstream.requests().count("/" + M + "/@v/v1.1.0.mod")).isZero();
      assertThat(upstream.requests().count("/" + M + "/@v/v1.2.0.mod")).isZero();

      assertThat(hanging.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(504);
      System.out.printf("[fetch-queue] the hanging fetch ended after %d ms%n", (System.nanoTime() - hangStart) / 1_000_000);
      HttpResponse<byte[]> served = queued.get(30, TimeUnit.SECONDS);
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(new String(served.body(), StandardCharsets.UTF_8)).isEqualTo("module example.com/queued\n\ngo 1.21\n");
      assertThat(metric(mirror, "goproxy_mirror_fetch_queue_depth 0.0")).isTrue();
      assertThat(mirror.get("/" + M + "/@v/v1.2.0.mod").statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("a miss that waits longer than fetch.queue-wait gets 503 with Retry-After and never reaches the upstream")
  void queueWaitRunsOut() throws Exception {
    upstream.on("/" + HANG + "/@v/v1.0.0.info", Reply.hang());
    upstream.on("/" + M + "/@v/v1.1.0.mod", Reply.ok("module example.com/queued\n"));
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl(),
        "MIRROR_FETCH_MAX_CONCURRENT", "1",
        "MIRROR_FETCH_QUEUE_WAIT", "500ms",
        "MIRROR_UPSTREAM_TIMEOUTS_FIRST_BYTE", "3s")) {
      CompletableFuture<HttpResponse<byte[]>> hanging =
          CompletableFuture.supplyAsync(() -> mirror.get("/" + HANG + "/@v/v1.0.0.info"));
      await(() -> upstream.requests().count("/" + HANG + "/@v/v1.0.0.info") == 1, "the hanging fetch to start");
      HttpResponse<byte[]> shed = mirror.get("/" + M + "/@v/v1.1.0.mod");
      assertThat(shed.statusCode()).isEqualTo(503);
      assertThat(shed.headers().firstValue("Retry-After")).isPresent();
      assertThat(metric(mirror, "goproxy_mirror_fetch_rejected_total{reason=\"queue_timeout\"} 1.0")).isTrue();
      assertThat(upstream.requests().count("/" + M + "/@v/v1.1.0.mod")).isZero();
      assertThat(hanging).isNotDone();
      assertThat(hanging.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(504);
    }
  }

  private static boolean metric(MirrorHarness mirror, String line) {
    return new String(mirror.get("/metrics").body(), StandardCharsets.UTF_8).lines().anyMatch(line::equals);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
