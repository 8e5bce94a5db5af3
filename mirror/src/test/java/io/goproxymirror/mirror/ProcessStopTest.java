package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.ChildMirror;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.HttpProbe;
import io.goproxymirror.mirror.testkit.RedisServer;
import io.goproxymirror.mirror.testkit.RequiredTools;
import io.goproxymirror.mirror.testkit.RespClient;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a mirror process stopped by SIGTERM or killed")
@Timeout(180)
class ProcessStopTest {
  private static final String MODULE = "example.com/big";
  private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\S+\\s+ERROR\\s.*$");

  @TempDir Path tmp;
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  @DisplayName("on SIGTERM while idle (metadata in Redis, a kept-alive client connection open) exits, steps down as leader and logs no ERROR")
  void idleSigterm() throws Exception {
    RequiredTools.redisServer();
    try (RedisServer redis = RedisServer.start(tmp.resolve("redis"));
        ChildMirror mirror = ChildMirror.start(tmp.resolve("mirror"),
            Map.of("MIRROR_UPSTREAM", "off", "MIRROR_REDIS_URL", redis.url()))) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> health = client.send(
          HttpRequest.newBuilder(URI.create(mirror.baseUrl() + "/healthz")).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      assertThat(RespClient.call(redis.port(), "KEYS", "*leader*")).asList().hasSize(1);

      mirror.terminate();

      assertExitedCleanly(mirror);
      assertThat(RespClient.call(redis.port(), "KEYS", "*leader*")).as("the leader lock after exit").asList().isEmpty();
    }
  }

  @Test
  @DisplayName("on SIGTERM: /readyz is 503 at once while other requests are still served for the delay, then new"
      + " connections are refused while a slow download in flight gets every byte; the servers close before the"
      + " leases are released, no ERROR is logged, and the exit code is 0")
  void sigtermDuringDownload() throws Exception {
    byte[] zip = bigModule(tmp.resolve("upstream"));
    GoproxyDirServer upstream = GoproxyDirServer.start(vertx, tmp.resolve("upstream"));
    try (ChildMirror mirror = ChildMirror.start(tmp.resolve("mirror"), Map.of("MIRROR_UPSTREAM", upstream.baseUrl(),
        "MIRROR_SERVER_SHUTDOWN_DELAY", "3s", "MIRROR_SERVER_SHUTDOWN_TIMEOUT", "30s"))) {
      String path = "/" + MODULE + "/@v/v1.0.0.zip";
      assertThat(download(mirror.port(), path, () -> { })).isEqualTo(zip); // a miss: now stored
      List<String> seen = new ArrayList<>();

      // A slow client of the stored zip (sent with sendfile) has read a little when the signal
      // comes, and reads nothing more until new connections are refused.
      byte[] body = download(mirror.port(), path, () -> {
        mirror.terminate();
        HttpProbe.Answer ready = awaitAnswer(mirror, "/readyz", a -> a.status() == 503);
        Optional<HttpProbe.Answer> mod = HttpProbe.get(mirror.port(), "/" + MODULE + "/@v/v1.0.0.mod");
        seen.add("readyz " + ready.status() + " " + ready.body().strip());
        seen.add("mod " + mod.map(a -> a.status() + " connection=" + a.headers().get("connection")).orElse("refused"));
        seen.add("after the delay " + awaitRefusal(mirror));
        seen.add("alive " + mirror.alive());
      });

      assertThat(seen).containsExactly("readyz 503 shutting down", "mod 200 connection=close",
          "after the delay refused", "alive true");
      assertThat(sha256(body)).as("the slow download's bytes").isEqualTo(sha256(zip));
      assertExitedCleanly(mirror);
      assertInOrder(mirror.output(), "event=shutdown_started delay_ms=3000", "event=stop_step step=http",
          "event=stop_step step=sync", "event=stop_step step=locks", "event=stopped");
    } finally {
      upstream.close();
    }
  }

  @Test
  @DisplayName("on SIGTERM the leading worker releases its lease after its server closed and exits 0; the standby"
      + " worker leads within a lease TTL")
  void workerStandbyTakesOver() throws Exception {
    RequiredTools.redisServer();
    Duration ttl = Duration.ofSeconds(9);
    try (RedisServer redis = RedisServer.start(tmp.resolve("redis"))) {
      Map<String, String> env = Map.of("MIRROR_UPSTREAM", "off", "MIRROR_REDIS_URL", redis.url(),
          "MIRROR_SYNC_LEADER_TTL", ttl.toSeconds() + "s", "MIRROR_SERVER_SHUTDOWN_DELAY", "1s",
          "MIRROR_SERVER_SHUTDOWN_TIMEOUT", "5s");
      try (ChildMirror leader = ChildMirror.start(tmp.resolve("leader"), env, "--role", "worker")) {
        leader.awaitOutput("event=leader_elected", Duration.ofSeconds(30));
        try (ChildMirror standby = ChildMirror.start(tmp.resolve("standby"), env, "--role", "worker")) {
          assertThat(standby.output()).doesNotContain("event=leader_elected");
          List<?> keys = (List<?>) RespClient.call(redis.port(), "KEYS", "*leader*");
          assertThat(keys).hasSize(1);
          String key = String.valueOf(keys.get(0));
          Object token = RespClient.call(redis.port(), "GET", key);

          leader.terminate();
          long signalled = System.nanoTime();
          OptionalInt code = leader.awaitExit(Duration.ofSeconds(60));
          Object afterExit = RespClient.call(redis.port(), "GET", key);
          standby.awaitOutput("event=leader_elected",
              ttl.plusSeconds(10).minusNanos(System.nanoTime() - signalled)); // a TTL and a margin

          assertThat(code).as("exit; output: %s", leader.output()).hasValue(0);
          assertThat(afterExit).as("the lease right after the leader exited (released, not left to expire)")
              .isNotEqualTo(token);
          assertInOrder(leader.output(), "event=shutdown_started", "event=stop_step step=http",
              "event=leader_stepped_down reason=stopping", "event=stop_step step=sync", "event=stopped");
        }
      }
    }
  }

  @Test
  @DisplayName("leaves no vertx-cache directory in java.io.tmpdir when killed")
  void noCacheDirectoryLeftByKill() throws Exception {
    ChildMirror mirror = ChildMirror.start(tmp.resolve("mirror"), Map.of("MIRROR_UPSTREAM", "off"));
    mirror.kill();

    try (Stream<Path> left = Files.list(mirror.tmpDir())) {
      assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("vertx-cache")).toList())
          .isEmpty();
    }
  }

  private static void assertExitedCleanly(ChildMirror mirror) {
    OptionalInt code = mirror.awaitExit(Duration.ofSeconds(60));
    assertThat(code).as("exited; output: %s", mirror.output()).isPresent();
    assertThat(code.getAsInt()).as("exit code after SIGTERM").isZero();
    String output = mirror.output();
    List<String> errors = ERROR_LINE.matcher(output).results().map(m -> m.group()).toList();
    assertThat(errors).as("ERROR lines; output: %s", output).isEmpty();
    assertThat(output).contains("event=stopped");
  }

  /**
   * GETs {@code path} over a socket with a small receive buffer, reading the first 256 KiB of the
   * body, then running {@code midway} before reading the rest.
   */
  private static byte[] download(int port, String path, Runnable midway) throws IOException {
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(16 * 1024);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: mirror\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = HttpProbe.head(in);
      assertThat(head).startsWith("HTTP/1.1 200");
      Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
      assertThat(length.find()).as("Content-Length in %s", head).isTrue();
      int size = Integer.parseInt(length.group(1));
      ByteArrayOutputStream body = new ByteArrayOutputStream(size);
      byte[] buffer = new byte[8192];
      boolean signalled = false;
      while (body.size() < size) {
        if (!signalled && body.size() >= 256 * 1024) {
          signalled = true;
          midway.run();
        }
        int n = in.read(buffer, 0, Math.min(buffer.length, size - body.size()));
        if (n < 0) {
          break;
        }
        body.write(buffer, 0, n);
      }
      return body.toByteArray();
    }
  }

  /** Asks for {@code path} on new connections until an answer passes {@code wanted} (30 s at most). */
  private static HttpProbe.Answer awaitAnswer(ChildMirror mirror, String path, Predicate<HttpProbe.Answer> wanted) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      Optional<HttpProbe.Answer> answer = HttpProbe.get(mirror.port(), path);
      if (answer.isPresent() && wanted.test(answer.get())) {
        return answer.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(path + " never answered as wanted, last " + answer + "; output: " + mirror.output());
      }
      sleep(50);
    }
  }

  /**
   * Asks for {@code /healthz} on new connections until one is refused ({@code refused}) or
   * answered 503 ({@code 503}) (30 s at most).
   */
  private static String awaitRefusal(ChildMirror mirror) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      Optional<HttpProbe.Answer> answer = HttpProbe.get(mirror.port(), "/healthz");
      // Both are clean refusals: a connection refused by the closed listener, or one the listener
      // accepted just before it closed, whose request is answered 503 while the servers close.
      if (answer.isEmpty() || answer.get().status() == 503) {
        return "refused";
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("new connections still served after 30 s; output: " + mirror.output());
      }
      sleep(50);
    }
  }

  /** Asserts that {@code output} has each of {@code markers}, in this order. */
  private static void assertInOrder(String output, String... markers) {
    int from = 0;
    for (String marker : markers) {
      int at = output.indexOf(marker, from);
      assertThat(at).as("\"%s\" after position %d of the output: %s", marker, from, output).isNotNegative();
      from = at + marker.length();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A module version whose zip is about 16 MB of incompressible text; returns the zip. */
  private static byte[] bigModule(Path root) {
    byte[] noise = new byte[12 * 1024 * 1024];
    new Random(42).nextBytes(noise);
    return new ModuleFixture(root).version(MODULE, MODULE, "v1.0.0", Map.of(
        "go.mod", "module " + MODULE + "\n", "big.go", "package big\n",
        "noise.txt", Base64.getMimeEncoder().encodeToString(noise)));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
