package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.S3Server;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("metadata in Redis and blobs in S3")
class SharedStoresTest {
  private static final String MODULE = "github.com/Acme/Widget";
  private static final String ESCAPED = "github.com/!acme/!widget";

  @RegisterExtension final RedisFixture redis = new RedisFixture();
  @TempDir Path tmp;
  private Vertx vertx;
  private GoproxyDirServer upstream;
  private S3Server s3;
  private String bucket;
  private byte[] zip;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    Path tree = tmp.resolve("upstream");
    ModuleFixture fixture = new ModuleFixture(tree);
    zip = fixture.version(ESCAPED, MODULE, "v1.2.0", Map.of(
        "go.mod", "module github.com/Acme/Widget\n\ngo 1.21\n", "widget.go", "package widget\n"));
    fixture.version(ESCAPED, MODULE, "v1.3.0", Map.of("go.mod", "module github.com/Acme/Widget\n", "w.go", "package w\n"));
    fixture.write(ESCAPED + "/@v/list", "v1.2.0\nv1.3.0\n");
    upstream = GoproxyDirServer.start(vertx, tree);
    s3 = S3Server.start(tmp.resolve("s3"));
    bucket = s3.createBucket();
  }

  @AfterEach
  void tearDown() {
    s3.close();
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private MirrorHarness mirror(String name) {
    String yaml = """
        storage:
          type: s3
          s3:
            bucket: %s
            endpoint: %s
            path-style: true
            prefix: mirror
            access-key-env: TEST_S3_ACCESS
            secret-key-env: TEST_S3_SECRET
        """.formatted(bucket, s3.endpoint());
    return MirrorHarness.startWithYaml(tmp.resolve(name), yaml, upstream.baseUrl(),
        "MIRROR_REDIS_URL", redis.url(),
        "TEST_S3_ACCESS", S3Server.ACCESS_KEY, "TEST_S3_SECRET", S3Server.SECRET_KEY);
  }

  private static String path(String version, String ext) {
    return "/" + ESCAPED + "/@v/" + version + "." + ext;
  }

  @Test
  @DisplayName("pulls through into S3 and Redis; a second replica serves the same bytes without the upstream")
  void sharedAcrossReplicas() {
    try (MirrorHarness first = mirror("a"); MirrorHarness second = mirror("b")) {
      for (String ext : new String[] {"info", "mod", "zip"}) {
        HttpResponse<byte[]> miss = first.get(path("v1.2.0", ext));
        assertThat(miss.statusCode()).as(ext).isEqualTo(200);
        HttpResponse<byte[]> hit = second.get(path("v1.2.0", ext));
        assertThat(hit.statusCode()).as(ext).isEqualTo(200);
        assertThat(hit.headers().firstValue("X-Cache")).as(ext).hasValue("HIT");
        assertThat(hit.body()).as(ext).isEqualTo(miss.body());
        assertThat(upstream.requests().count("/" + ESCAPED + "/@v/v1.2.0." + ext)).as(ext).isEqualTo(1);
      }
      assertThat(second.get(path("v1.2.0", "zip")).body()).isEqualTo(zip);
      assertThat(second.send("HEAD", path("v1.2.0", "zip"), Map.of()).headers().firstValue("Content-Length"))
          .hasValue(Integer.toString(zip.length));
    }
  }

  @Test
  @DisplayName("20 concurrent misses per artifact split across two replicas make one upstream request each")
  void oneFetchAcrossReplicas() throws Exception {
    upstream.delay(Duration.ofMillis(700));
    try (MirrorHarness first = mirror("a"); MirrorHarness second = mirror("b")) {
      ExecutorService clients = Executors.newFixedThreadPool(60);
      try {
        List<Future<HttpResponse<byte[]>>> calls = new ArrayList<>();
        for (String ext : new String[] {"info", "mod", "zip"}) {
          for (int i = 0; i < 20; i++) {
            MirrorHarness replica = i % 2 == 0 ? first : second;
            calls.add(clients.submit(() -> replica.get(path("v1.2.0", ext))));
          }
        }
        List<HttpResponse<byte[]>> responses = new ArrayList<>();
        for (Future<HttpResponse<byte[]>> call : calls) {
          responses.add(call.get(120, TimeUnit.SECONDS));
        }
        for (int k = 0; k < 3; k++) {
          byte[] expected = responses.get(k * 20).body();
          for (int i = 0; i < 20; i++) {
            assertThat(responses.get(k * 20 + i).statusCode()).isEqualTo(200);
            assertThat(responses.get(k * 20 + i).body()).isEqualTo(expected);
          }
        }
        assertThat(responses.get(40).body()).isEqualTo(zip);
        for (String ext : new String[] {"info", "mod", "zip"}) {
          assertThat(upstream.requests().count("/" + ESCAPED + "/@v/v1.2.0." + ext)).as(ext).isEqualTo(1);
        }
      } finally {
        clients.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName("Redis stopped and restarted under load: every request is served, readiness says degraded, then recovers")
  void redisOutageUnderLoad() throws Exception {
    try (MirrorHarness first = mirror("a")) {
      assertThat(first.get(path("v1.2.0", "zip")).statusCode()).isEqualTo(200);
      try (MirrorHarness second = mirror("b")) {
        awaitReady(second);
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
          MirrorHarness replica = t % 2 == 0 ? first : second;
          String ext = new String[] {"zip", "info", "mod", "zip"}[t];
          load.submit(() -> {
            while (running.get()) {
              statuses.add(replica.get(path("v1.2.0", ext)).statusCode());
            }
          });
        }
        try {
          Thread.sleep(500);
          redis.server().stop();
          Thread.sleep(1500);
          HttpResponse<byte[]> miss = second.get(path("v1.3.0", "mod"));
          assertThat(miss.statusCode()).isEqualTo(200);
          assertThat(second.get("/healthz").statusCode()).isEqualTo(200);
          assertThat(text(second.get("/readyz"))).startsWith("degraded");
          assertThat(text(second.get("/metrics"))).contains("goproxy_mirror_metadata_store_up 0.0");
          redis.server().restart();
          awaitReady(second);
          Thread.sleep(500);
        } finally {
          running.set(false);
          load.shutdown();
          assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(statuses).hasSizeGreaterThan(20).containsOnly(200);
        assertThat(upstream.requests().count("/" + ESCAPED + "/@v/v1.2.0.zip")).isEqualTo(1);
        assertThat(second.get(path("v1.3.0", "info")).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  @DisplayName("with S3 down, a stored zip is a one-line 502, not a 500, and a miss stores nothing")
  void storageOutage() {
    try (MirrorHarness first = mirror("a")) {
      assertThat(first.get(path("v1.2.0", "zip")).statusCode()).isEqualTo(200);
      try (MirrorHarness second = mirror("b")) {
        s3.close();
        HttpResponse<byte[]> stored = second.get(path("v1.2.0", "zip"));
        assertThat(stored.statusCode()).isEqualTo(502);
        assertThat(text(stored)).startsWith("storage unavailable");
        HttpResponse<byte[]> miss = second.get(path("v1.3.0", "mod"));
        assertThat(miss.statusCode()).isIn(502, 504);
        assertThat(text(miss)).doesNotContain("internal error");
      }
    }
  }

  /** Readiness flips back within a probe interval of Redis answering; allow a loaded machine 20 s. */
  private static void awaitReady(MirrorHarness mirror) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!text(mirror.get("/readyz")).startsWith("ready") && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(text(mirror.get("/readyz"))).startsWith("ready");
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
