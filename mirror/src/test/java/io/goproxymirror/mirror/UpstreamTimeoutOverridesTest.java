package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("per-upstream timeouts (upstream-timeouts.overrides)")
class UpstreamTimeoutOverridesTest {
  private static final String MOD = "/example.com/slow/@v/v1.0.0.mod";
  private static final String GO_MOD = "module example.com/slow\n";
  private static final String WARM_UP = "/example.com/warm/@v/list";

  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream a;
  private ScriptedUpstream b;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    a = ScriptedUpstream.start(vertx);
    b = ScriptedUpstream.start(vertx);
    b.on(MOD, Reply.ok(GO_MOD));
  }

  @AfterEach
  void tearDown() {
    a.close();
    b.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /**
   * A mirror over the list {@code A|B} whose YAML file overrides A's timeouts with {@code fields}
   * (A's URL written with a trailing slash, which GOPROXY list parsing removes) and names an
   * upstream that is in no list.
   */
  private MirrorHarness start(String fields, String... env) {
    String yaml = "upstream-timeouts:\n  overrides:\n"
        + "    - {url: '" + a.baseUrl() + "/', " + fields + "}\n"
        + "    - {url: 'https://not-in-the-list.example.com', first-byte: 1s}\n";
    return MirrorHarness.startWithYaml(tmp.resolve("data"), yaml, a.baseUrl() + "|" + b.baseUrl(), env);
  }

  @Test
  @DisplayName("A with first-byte 300ms hangs before its headers while the global first-byte is 10s: B answers quickly")
  void firstByteOverride() {
    a.on(MOD, Reply.hang());
    try (MirrorHarness mirror = start("first-byte: 300ms", "MIRROR_UPSTREAM_TIMEOUTS_FIRST_BYTE", "10s")) {
      long start = System.nanoTime();
      HttpResponse<byte[]> response = mirror.get(MOD);
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("[timeout-overrides] A hangs, first-byte 300ms for A: B's answer after %d ms%n", millis);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(GO_MOD);
      assertThat(a.requests().count(MOD)).isEqualTo(1);
      assertThat(millis).isLessThan(3000);
    }
  }

  @Test
  @DisplayName("A's total bounds the time spent on A, retries included; then B is asked")
  void upstreamTotalBoundsRetries() {
    // Every attempt on A takes 400ms and answers 503, which is retried up to 5 times after at least
    // 25ms (6 attempts, well within the global total); A's total of 1s leaves room for at most three.
    a.on(MOD, Reply.of(503, "busy\n").delayHeaders(Duration.ofMillis(400)));
    a.on(WARM_UP, Reply.ok("v1.0.0\n"));
    try (MirrorHarness mirror = start("total: 1s",
        "MIRROR_UPSTREAM_RETRIES_MAX", "5", "MIRROR_UPSTREAM_RETRIES_BACKOFF", "50ms",
        "MIRROR_UPSTREAM_HEALTH_FAILURES_TO_OPEN", "10")) {
      assertThat(mirror.get(WARM_UP).statusCode()).isEqualTo(200);
      long start = System.nanoTime();
      HttpResponse<byte[]> response = mirror.get(MOD);
      System.out.printf("[timeout-overrides] A answers 503 slowly, total 1s for A: %d attempts on A, B's answer after %d ms%n",
          a.requests().count(MOD), (System.nanoTime() - start) / 1_000_000);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(GO_MOD);
      assertThat(a.requests().count(MOD)).isBetween(1, 3);
      assertThat(b.requests().count(MOD)).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a per-upstream total longer than the global one does not lengthen the fetch: the list's deadline ends it with 504")
  void globalTotalBoundsTheList() {
    a.on(MOD, Reply.hang());
    try (MirrorHarness mirror = start("total: 30s, first-byte: 30s",
        "MIRROR_UPSTREAM_TIMEOUTS_TOTAL", "2s", "MIRROR_UPSTREAM_TIMEOUTS_FIRST_BYTE", "10s")) {
      long start = System.nanoTime();
      HttpResponse<byte[]> response = mirror.get(MOD);
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("[timeout-overrides] A hangs, A's total 30s, global total 2s: %d after %d ms%n",
          response.statusCode(), millis);
      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("deadline");
      assertThat(a.requests().count(MOD)).isEqualTo(1);
      assertThat(b.requests().count(MOD)).isZero();
      assertThat(millis).isLessThan(8000);
    }
  }
}
