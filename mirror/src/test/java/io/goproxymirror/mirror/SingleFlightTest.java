package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("single-flight in process")
class SingleFlightTest {
  @TempDir Path tmp;

  @Test
  @DisplayName("20 concurrent misses per artifact make one upstream request each and get identical bytes")
  void oneUpstreamRequestPerArtifact() throws Exception {
    Vertx vertx = Vertx.vertx();
    Path tree = tmp.resolve("upstream");
    byte[] zip = new ModuleFixture(tree).version("example.com/slow", "example.com/slow", "v1.0.0",
        Map.of("go.mod", "module example.com/slow\n", "big.txt", "x".repeat(3_000_000)));
    try (GoproxyDirServer upstream = GoproxyDirServer.start(vertx, tree).delay(Duration.ofMillis(700));
        MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl())) {
      ExecutorService clients = Executors.newFixedThreadPool(60);
      try {
        List<Future<HttpResponse<byte[]>>> calls = new ArrayList<>();
        for (String ext : new String[] {"info", "mod", "zip"}) {
          for (int i = 0; i < 20; i++) {
            calls.add(clients.submit(() -> mirror.get("/example.com/slow/@v/v1.0.0." + ext)));
          }
        }
        List<HttpResponse<byte[]>> responses = new ArrayList<>();
        for (Future<HttpResponse<byte[]>> call : calls) {
          responses.add(call.get(60, TimeUnit.SECONDS));
        }
        for (int k = 0; k < 3; k++) {
          byte[] first = responses.get(k * 20).body();
          for (int i = 0; i < 20; i++) {
            HttpResponse<byte[]> r = responses.get(k * 20 + i);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(first);
          }
        }
        assertThat(responses.get(40).body()).isEqualTo(zip);
        for (String ext : new String[] {"info", "mod", "zip"}) {
          assertThat(upstream.requests().count("/example.com/slow/@v/v1.0.0." + ext)).as(ext).isEqualTo(1);
        }
      } finally {
        clients.shutdownNow();
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  @Test
  @DisplayName("a fetch continues after the client that started it disconnects")
  void fetchSurvivesDisconnect() throws Exception {
    Vertx vertx = Vertx.vertx();
    Path tree = tmp.resolve("upstream");
    new ModuleFixture(tree).version("example.com/slow", "example.com/slow", "v1.0.0",
        Map.of("go.mod", "module example.com/slow\n"));
    try (GoproxyDirServer upstream = GoproxyDirServer.start(vertx, tree).delay(Duration.ofMillis(800));
        MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl())) {
      try {
        HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(mirror.baseUrl() + "/example.com/slow/@v/v1.0.0.mod"))
                .timeout(Duration.ofMillis(100)).build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (HttpTimeoutException expected) {
        // the client gave up before the upstream answered
      }
      Thread.sleep(1500);
      upstream.delay(Duration.ZERO);
      HttpResponse<byte[]> later = mirror.get("/example.com/slow/@v/v1.0.0.mod");
      assertThat(later.statusCode()).isEqualTo(200);
      assertThat(later.headers().firstValue("X-Cache")).hasValue("HIT");
      assertThat(upstream.requests().count("/example.com/slow/@v/v1.0.0.mod")).isEqualTo(1);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
