package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("requests sent upstream are escaped as the go command escapes them")
class UpstreamEscapingTest {
  private static final String INFO = "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-02T03:04:05Z\"}";

  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream upstream;
  private MirrorHarness mirror;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    upstream = ScriptedUpstream.start(vertx);
    // Long deadlines: a request the mirror cannot build must fail at once, not after a timeout.
    mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl(),
        "MIRROR_UPSTREAM_TIMEOUTS_FIRST_BYTE", "15s",
        "MIRROR_UPSTREAM_HEALTH_FAILURES_TO_OPEN", "3",
        "MIRROR_UPSTREAM_HEALTH_OPEN_FOR", "1h",
        "MIRROR_UPSTREAM_HEALTH_PROBE_INTERVAL", "1h");
  }

  @AfterEach
  void tearDown() {
    mirror.close();
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private JsonObject circuit() {
    return new JsonObject(new String(mirror.get("/status/upstreams").body(), StandardCharsets.UTF_8))
        .getJsonArray("upstreams").getJsonObject(0);
  }

  @Test
  @DisplayName("three concurrent queries with a space are answered at once and leave the circuit closed")
  void spacesDoNotOpenTheCircuit() {
    upstream.on("/example.com/other/@v/v1.0.0.info", Reply.ok(INFO));
    List<CompletableFuture<HttpResponse<byte[]>>> calls = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 1; i <= 3; i++) {
      String path = "/github.com/spf13/cobra/@v/x%20" + i + ".info";
      calls.add(CompletableFuture.supplyAsync(() -> mirror.get(path)));
    }
    for (CompletableFuture<HttpResponse<byte[]>> call : calls) {
      // The go command sends such a query too (go mod download 'm@x 1' asks for x%201.info), so
      // it goes to the upstream, which says it has no such version.
      assertThat(call.join().statusCode()).isEqualTo(404);
    }
    // Well below the 15 s first-byte deadline a lost request would wait for.
    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds for the three").isLessThan(10_000);
    assertThat(upstream.requests().rawPaths()).containsExactlyInAnyOrder(
        "/github.com/spf13/cobra/@v/x%201.info", "/github.com/spf13/cobra/@v/x%202.info",
        "/github.com/spf13/cobra/@v/x%203.info");
    assertThat(circuit().getString("state")).isEqualTo("closed");
    assertThat(circuit().getInteger("consecutiveFailures")).isZero();
    HttpResponse<byte[]> cold = mirror.get("/example.com/other/@v/v1.0.0.info");
    assertThat(cold.statusCode()).isEqualTo(200);
    assertThat(new String(cold.body(), StandardCharsets.UTF_8)).isEqualTo(INFO);
  }

  /** Each row: the version as the go command 1.19 sent it to a proxy, percent-encoded. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a%23b", "a%25b", "a%5Eb", "a%7Bb%7D", "x%201", "a%5Bb%5D", "a%28b%29", "a%2Cb", "a=b", "a&b", "a$b",
      "a+b", "a~b", "%21master", "-x", "a..b", ".a", "v1.0.0%20", "a%252%21fb", "%21v1.%21x", "a@b"})
  @DisplayName("a query reaches the upstream spelled exactly as the go command spells it")
  void queriesAreEscapedLikeTheGoCommand(String goSpelling) {
    HttpResponse<byte[]> response = mirror.get("/example.com/m/@v/" + goSpelling + ".info");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(upstream.requests().rawPaths()).containsExactly("/example.com/m/@v/" + goSpelling + ".info");
    assertThat(circuit().getInteger("consecutiveFailures")).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/example.com/m/@v/a!b.info | /example.com/m/@v/a%21b.info",
      "/github.com/%21acme/%21widget/@v/list | /github.com/%21acme/%21widget/@v/list",
      "/github.com/!acme/!widget/@latest | /github.com/%21acme/%21widget/@latest",
      "/github.com/!acme/w/@v/v2.0.0+incompatible.mod | /github.com/%21acme/w/@v/v2.0.0+incompatible.mod",
      "/example.com/m/@v/%61%2bb.info | /example.com/m/@v/a+b.info",
      "/example.com/m/@v/a%2Db_c~d.info | /example.com/m/@v/a-b_c~d.info"})
  @DisplayName("module paths and versions are re-spelled canonically, whatever escapes the client chose")
  void canonicalSpelling(String asked, String sent) {
    mirror.get(asked);
    assertThat(upstream.requests().rawPaths()).containsExactly(sent);
  }
}
