package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.ChildMirror;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.RespClient;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("fetch leases of replica processes sharing Redis")
@Timeout(180)
class ReplicaLeaseTest {
  private static final String MODULE = "example.com/lease";
  private static final String ZIP_PATH = "/" + MODULE + "/@v/v1.0.0.zip";
  /** How long a dead replica's lease may keep others waiting: the lease TTL (5 s) and a margin. */
  private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(10);

  @RegisterExtension final RedisFixture redis = new RedisFixture();
  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream upstream;
  private byte[] zip;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    zip = ModuleFixture.zip(Map.of(
        MODULE + "@v1.0.0/go.mod", ("module " + MODULE + "\n").getBytes(),
        MODULE + "@v1.0.0/l.go", "package lease\n".getBytes()));
    // The first replica to ask gets no answer (its fetch hangs, holding the lease); later ones get the zip.
    upstream = ScriptedUpstream.start(vertx)
        .on(ZIP_PATH, Reply.ok(zip, "application/zip").delayHeaders(Duration.ofSeconds(120)),
            Reply.ok(zip, "application/zip"));
  }

  @AfterEach
  void tearDown() {
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  @DisplayName("a replica killed mid-fetch (SIGKILL) blocks the artifact for about a lease TTL only, not for the old 15 s")
  void killedHolderIsTakenOverWithinTtl() throws Exception {
    try (ChildMirror holder = ChildMirror.start(tmp.resolve("a"), environment());
        MirrorHarness other = MirrorHarness.start(tmp.resolve("b"), upstream.baseUrl(),
            "MIRROR_REDIS_URL", redis.url())) {
      CompletableFuture<HttpResponse<byte[]>> stuck = getAsync(holder.baseUrl() + ZIP_PATH);
      String lock = awaitLock();

      holder.kill();
      long killed = System.nanoTime();
      HttpResponse<byte[]> served = other.get(ZIP_PATH);
      Duration waited = Duration.ofNanos(System.nanoTime() - killed);

      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.body()).isEqualTo(zip);
      assertThat(waited).as("time from the holder's death to the other replica's answer").isLessThan(TAKEOVER_BOUND);
      assertThat(RespClient.call(redis.port(), "EXISTS", lock)).isEqualTo(0L);
      stuck.cancel(true);
    }
  }

  @Test
  @DisplayName("a replica stopped by SIGTERM mid-fetch releases its lease once its server closed, before it exits 0")
  void sigtermReleasesLease() throws Exception {
    try (ChildMirror holder = ChildMirror.start(tmp.resolve("a"), environment())) {
      CompletableFuture<HttpResponse<byte[]>> stuck = getAsync(holder.baseUrl() + ZIP_PATH);
      String lock = awaitLock();

      holder.terminate();

      assertThat(holder.awaitExit(Duration.ofSeconds(60))).as("exited: %s", holder.output()).hasValue(0);
      assertThat(RespClient.call(redis.port(), "EXISTS", lock)).as("the lock right after exit").isEqualTo(0L);
      String output = holder.output();
      assertThat(output.indexOf("event=stop_step step=locks"))
          .as("the leases released after the server closed: %s", output)
          .isGreaterThan(output.indexOf("event=stop_step step=http")).isPositive();
      stuck.cancel(true);
    }
  }

  private Map<String, String> environment() {
    return Map.of("MIRROR_UPSTREAM", upstream.baseUrl(), "MIRROR_REDIS_URL", redis.url(),
        "MIRROR_SERVER_SHUTDOWN_TIMEOUT", "1s");
  }

  /**
   * Waits (30 s at most) until the holder's fetch has reached the upstream while it holds the
   * zip's fetch lock in Redis; the lock's key.
   */
  private String awaitLock() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Object keys = RespClient.call(redis.port(), "KEYS", "*:lock:v1.0.0.zip");
      if (keys instanceof List<?> list && !list.isEmpty() && upstream.requests().count(ZIP_PATH) > 0) {
        return String.valueOf(list.get(0));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the holder never took the fetch lock");
  }

  private static CompletableFuture<HttpResponse<byte[]>> getAsync(String url) {
    return HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(150)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
