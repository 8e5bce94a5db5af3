package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.ChildMirror;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
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
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
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
  @DisplayName("on SIGTERM lets a download in flight finish before it exits, and logs no ERROR")
  void sigtermDuringDownload() throws Exception {
    byte[] zip = bigModule(tmp.resolve("upstream"));
    GoproxyDirServer upstream = GoproxyDirServer.start(vertx, tmp.resolve("upstream"));
    try (ChildMirror mirror = ChildMirror.start(tmp.resolve("mirror"),
        Map.of("MIRROR_UPSTREAM", upstream.baseUrl()))) {
      String path = "/" + MODULE + "/@v/v1.0.0.zip";
      assertThat(download(mirror.port(), path, () -> { })).isEqualTo(zip); // a miss: now stored

      // A slow client of the stored zip (sent with sendfile) is mid-download when the signal comes.
      byte[] body = download(mirror.port(), path, mirror::terminate);

      assertThat(body).isEqualTo(zip);
      assertExitedCleanly(mirror);
    } finally {
      upstream.close();
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
    assertThat(code.getAsInt()).as("exit code after SIGTERM").isIn(0, 143);
    String output = mirror.output();
    List<String> errors = ERROR_LINE.matcher(output).results().map(m -> m.group()).toList();
    assertThat(errors).as("ERROR lines; output: %s", output).isEmpty();
    assertThat(output).contains("event=stopped");
  }

  /**
   * GETs {@code path} over a socket with a small receive buffer, reading the first 256 KiB of the
   * body, then running {@code midway} and pausing a second before reading the rest.
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
      String head = head(in);
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
          sleep(1000);
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

  private static String head(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed in the response head: " + head);
      }
      head.append((char) c);
    }
    return head.toString();
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
