package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures after an upstream's 200 headers: the body breaks off, stalls or is invalid. */
@DisplayName("upstream body failures: fall-through behind |, status, and the first-byte deadline")
class UpstreamBodyFailureTest {
  private static final String M = "example.com/body";
  private static final String MOD = "module example.com/body\n\ngo 1.19\n";

  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream first;
  private ScriptedUpstream second;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    first = ScriptedUpstream.start(vertx);
    second = ScriptedUpstream.start(vertx);
  }

  @AfterEach
  void tearDown() {
    first.close();
    second.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private MirrorHarness mirror(String separator, String... env) {
    String[] all = new String[env.length + 4];
    all[0] = "MIRROR_UPSTREAM_TIMEOUTS_FIRST_BYTE";
    all[1] = "2s";
    all[2] = "MIRROR_UPSTREAM_TIMEOUTS_IDLE";
    all[3] = "500ms";
    System.arraycopy(env, 0, all, 4, env.length);
    return MirrorHarness.start(tmp.resolve("data"), first.baseUrl() + separator + second.baseUrl(), all);
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("behind |, a .mod whose body breaks off is fetched from the next upstream")
  void brokenBodyFallsThrough() {
    first.on("/" + M + "/@v/v1.0.0.mod", Reply.ok(MOD).resetAfter(10));
    second.on("/" + M + "/@v/v1.0.0.mod", Reply.ok(MOD));
    try (MirrorHarness mirror = mirror("|")) {
      HttpResponse<byte[]> response = mirror.get("/" + M + "/@v/v1.0.0.mod");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(text(response)).isEqualTo(MOD);
      assertThat(first.requests().count("/" + M + "/@v/v1.0.0.mod")).isEqualTo(1);
      assertThat(second.requests().count("/" + M + "/@v/v1.0.0.mod")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("behind |, an invalid zip falls through: the next upstream's zip is served and stored")
  void invalidZipFallsThrough() {
    byte[] good = ModuleFixture.zip(Map.of(M + "@v1.0.0/go.mod", MOD.getBytes(StandardCharsets.UTF_8)));
    byte[] foreign = ModuleFixture.zip(Map.of("example.com/other@v1.0.0/go.mod", MOD.getBytes(StandardCharsets.UTF_8)));
    first.on("/" + M + "/@v/v1.0.0.zip", Reply.ok(foreign, "application/zip"));
    second.on("/" + M + "/@v/v1.0.0.zip", Reply.ok(good, "application/zip"));
    try (MirrorHarness mirror = mirror("|")) {
      HttpResponse<byte[]> response = mirror.get("/" + M + "/@v/v1.0.0.zip");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(good);
      assertThat(mirror.dataDir().resolve(M + "/@v/v1.0.0.zip")).hasBinaryContent(good);
      assertThat(second.requests().count("/" + M + "/@v/v1.0.0.zip")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("behind ',', a zip whose body breaks off before any byte reached the client gets a one-line 502")
  void zipFailingBeforeItsFirstByteIsAnAnswer() {
    byte[] good = ModuleFixture.zip(Map.of(M + "@v1.0.0/go.mod", MOD.getBytes(StandardCharsets.UTF_8)));
    first.on("/" + M + "/@v/v1.0.0.zip", Reply.ok(good, "application/zip").resetAfter(0));
    try (MirrorHarness mirror = mirror(",")) {
      for (int i = 0; i < 5; i++) {
        HttpResponse<byte[]> response = mirror.get("/" + M + "/@v/v1.0.0.zip");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(text(response)).endsWith("\n").hasLineCount(1).contains("broke off");
      }
      assertThat(second.requests().total()).isZero();
    }
  }

  @Test
  @DisplayName("a body stalling past the idle deadline is a timeout (504), also for the zip")
  void idleBodyIsATimeout() {
    first.on("/" + M + "/@v/v1.0.0.mod", Reply.ok(MOD).drip(4, Duration.ofSeconds(2)));
    byte[] zip = ModuleFixture.zip(Map.of(M + "@v1.0.0/go.mod", MOD.getBytes(StandardCharsets.UTF_8)));
    first.on("/" + M + "/@v/v1.0.0.zip", Reply.ok(zip, "application/zip").drip(zip.length / 2, Duration.ofSeconds(2)));
    try (MirrorHarness mirror = mirror(",")) {
      HttpResponse<byte[]> mod = mirror.get("/" + M + "/@v/v1.0.0.mod");
      assertThat(mod.statusCode()).isEqualTo(504);
      assertThat(text(mod)).contains("idle");
      assertThat(mirror.get("/" + M + "/@v/v1.0.0.zip").statusCode()).isEqualTo(504);
    }
  }

  @Test
  @DisplayName("headers later than the idle deadline but within first-byte are waited for")
  void idleDoesNotCutTheWaitForHeaders() {
    first.on("/" + M + "/@v/v1.0.0.mod", Reply.ok(MOD).delayHeaders(Duration.ofMillis(1_200)));
    try (MirrorHarness mirror = mirror(",")) {
      HttpResponse<byte[]> response = mirror.get("/" + M + "/@v/v1.0.0.mod");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(text(response)).isEqualTo(MOD);
    }
  }

  @Test
  @DisplayName("a reset right after the headers is a 502 every time, never a wait for the total deadline")
  void resetAfterHeadersIsNeverLost() {
    try (MirrorHarness mirror = mirror(",", "MIRROR_UPSTREAM_TIMEOUTS_TOTAL", "30s")) {
      for (int i = 0; i < 20; i++) {
        String path = "/" + M + "/@v/v1.0." + i + ".info";
        first.on(path, Reply.json("{\"Version\":\"v1.0." + i + "\",\"Time\":\"2024-01-02T03:04:05Z\"}").resetAfter(8));
        HttpResponse<byte[]> response = mirror.get(path);
        assertThat(response.statusCode()).as("request %d", i).isEqualTo(502);
      }
    }
  }
}
