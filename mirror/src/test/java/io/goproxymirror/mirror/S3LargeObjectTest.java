package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.S3Server;
import io.goproxymirror.mirror.testkit.SlowReader;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("warm zips of several MiB streamed from S3")
class S3LargeObjectTest {
  private static final String MODULE = "example.com/large";
  private static final int SMALL_BYTES = 4 << 20;
  private static final int LARGE_BYTES = 24 << 20;

  @TempDir static Path tmp;
  private static Vertx vertx;
  private static GoproxyDirServer upstream;
  private static S3Server s3;
  private static MirrorHarness mirror;
  private static byte[] smallZip;
  private static byte[] largeZip;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    ModuleFixture fixture = new ModuleFixture(tmp.resolve("upstream"));
    smallZip = Files.readAllBytes(LargeZips.write(fixture, MODULE, "v1.0.0", SMALL_BYTES, 1));
    largeZip = Files.readAllBytes(LargeZips.write(fixture, MODULE, "v1.1.0", LARGE_BYTES, 2));
    upstream = GoproxyDirServer.start(vertx, fixture.root());
    s3 = S3Server.start(tmp.resolve("s3"));
    String bucket = s3.createBucket();
    mirror = MirrorHarness.startWithYaml(tmp.resolve("mirror"), """
        storage:
          io-threads: 2
          type: s3
          s3:
            bucket: %s
            endpoint: %s
            path-style: true
            access-key-env: TEST_S3_ACCESS
            secret-key-env: TEST_S3_SECRET
            timeout: 3s
        """.formatted(bucket, s3.endpoint()), upstream.baseUrl(),
        "TEST_S3_ACCESS", S3Server.ACCESS_KEY, "TEST_S3_SECRET", S3Server.SECRET_KEY);
    for (String version : new String[] {"v1.0.0", "v1.1.0"}) {
      HttpResponse<byte[]> miss = mirror.get(zipPath(version));
      assertThat(miss.statusCode()).as(version).isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() {
    if (mirror != null) {
      mirror.close();
    }
    if (s3 != null) {
      s3.close();
    }
    if (upstream != null) {
      upstream.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static String zipPath(String version) {
    return "/" + MODULE + "/@v/" + version + ".zip";
  }

  @Test
  @DisplayName("100 warm downloads of a 4 MiB zip (four at a time) all complete, byte for byte")
  void hundredWarmDownloads() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<SlowReader.Result>> calls = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        calls.add(clients.submit(() -> SlowReader.fast(mirror.port(), zipPath("v1.0.0"))));
      }
      int complete = 0;
      for (Future<SlowReader.Result> call : calls) {
        SlowReader.Result result = call.get(120, TimeUnit.SECONDS);
        if (result.status() == 200 && result.matches(smallZip) && result.hit()) {
          complete++;
        }
      }
      assertThat(complete).as("complete byte-exact HIT downloads").isEqualTo(100);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  @DisplayName("six slow readers of a 24 MiB zip at once, each taking longer than the S3 timeout, all complete byte for byte with two I/O threads")
  void concurrentSlowReaders() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(6);
    try {
      List<Future<SlowReader.Result>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(clients.submit(() -> SlowReader.paced(mirror.port(), zipPath("v1.1.0"), 1 << 20, 150)));
      }
      for (Future<SlowReader.Result> call : calls) {
        SlowReader.Result result = call.get(180, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.received()).isEqualTo(largeZip.length);
        assertThat(result.matches(largeZip)).isTrue();
      }
    } finally {
      clients.shutdownNow();
    }
  }
}
