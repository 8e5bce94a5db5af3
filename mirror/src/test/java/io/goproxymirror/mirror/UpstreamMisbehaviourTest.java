package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("upstream misbehaviour gets 502 (or a failed transfer) and nothing is stored")
class UpstreamMisbehaviourTest {
  private static final String M = "example.com/bad";

  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream upstream;
  private MirrorHarness mirror;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    upstream = ScriptedUpstream.start(vertx);
    mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl(),
        "MIRROR_UPSTREAM_TIMEOUTS_FIRST_BYTE", "1s", "MIRROR_UPSTREAM_TIMEOUTS_IDLE", "1s");
  }

  @AfterEach
  void tearDown() {
    mirror.close();
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  @DisplayName("invalid JSON in .info")
  void invalidJson() {
    upstream.on("/" + M + "/@v/v1.0.0.info", Reply.invalidJson());
    assertRejected("/" + M + "/@v/v1.0.0.info", "invalid JSON");
  }

  @Test
  @DisplayName(".info for another version than requested")
  void wrongVersion() {
    upstream.on("/" + M + "/@v/v1.0.0.info", Reply.json("{\"Version\":\"v1.0.1\"}"));
    assertRejected("/" + M + "/@v/v1.0.0.info", "instead of v1.0.0");
  }

  @Test
  @DisplayName(".mod without a module directive")
  void modWithoutModule() {
    upstream.on("/" + M + "/@v/v1.0.0.mod", Reply.ok("go 1.21\n"));
    assertRejected("/" + M + "/@v/v1.0.0.mod", "module directive");
  }

  @Test
  @DisplayName("a zip entry with ../ fails the transfer and is not stored")
  void zipTraversal() {
    byte[] zip = ModuleFixture.zip(Map.of(
        M + "@v1.0.0/go.mod", "module example.com/bad\n".getBytes(StandardCharsets.UTF_8),
        M + "@v1.0.0/../../evil.go", "package evil\n".getBytes(StandardCharsets.UTF_8)));
    upstream.on("/" + M + "/@v/v1.0.0.zip", Reply.ok(zip, "application/zip"));
    assertTransferFails("/" + M + "/@v/v1.0.0.zip");
    assertNothingStored();
    assertThat(Files.exists(tmp.resolve("evil.go"))).isFalse();
  }

  @Test
  @DisplayName("a zip entry outside the module prefix fails the transfer")
  void zipWrongPrefix() {
    byte[] zip = ModuleFixture.zip(Map.of("example.com/other@v1.0.0/a.go", "package a\n".getBytes(StandardCharsets.UTF_8)));
    upstream.on("/" + M + "/@v/v1.0.0.zip", Reply.ok(zip, "application/zip"));
    assertTransferFails("/" + M + "/@v/v1.0.0.zip");
    assertNothingStored();
  }

  @Test
  @DisplayName("a zip declared larger than 500 MiB is refused before streaming")
  void oversizedZip() {
    upstream.on("/" + M + "/@v/v1.0.0.zip",
        Reply.ok(new byte[16], "application/zip").header("Content-Length", Long.toString(600L * 1024 * 1024)).truncateAfter(16));
    HttpResponse<byte[]> response = mirror.get("/" + M + "/@v/v1.0.0.zip");
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("500 MiB");
    assertNothingStored();
  }

  @Test
  @DisplayName("a truncated zip body fails the transfer")
  void truncatedZip() {
    byte[] zip = ModuleFixture.zip(Map.of(M + "@v1.0.0/go.mod", "module example.com/bad\n".getBytes(StandardCharsets.UTF_8),
        M + "@v1.0.0/big.bin", randomBytes(200_000)));
    upstream.on("/" + M + "/@v/v1.0.0.zip", Reply.ok(zip, "application/zip").truncateAfter(1000));
    assertTransferFails("/" + M + "/@v/v1.0.0.zip");
    assertNothingStored();
  }

  @Test
  @DisplayName("a truncated .mod body")
  void truncatedMod() {
    upstream.on("/" + M + "/@v/v1.0.0.mod", Reply.ok("module example.com/bad\n\ngo 1.21\n").truncateAfter(5));
    HttpResponse<byte[]> response = mirror.get("/" + M + "/@v/v1.0.0.mod");
    assertThat(response.statusCode()).isEqualTo(502);
    assertNothingStored();
  }

  @Test
  @DisplayName("a connection reset before headers")
  void resetConnection() {
    upstream.on("/" + M + "/@v/v1.0.0.info", Reply.resetBeforeHeaders());
    HttpResponse<byte[]> response = mirror.get("/" + M + "/@v/v1.0.0.info");
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(oneLine(response)).isTrue();
    assertNothingStored();
  }

  @Test
  @DisplayName("an upstream that never answers times out with 504 within the first-byte deadline")
  void stall() {
    upstream.on("/" + M + "/@v/v1.0.0.mod", Reply.hang());
    long start = System.nanoTime();
    HttpResponse<byte[]> response = mirror.get("/" + M + "/@v/v1.0.0.mod");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(millis).isLessThan(10_000);
    assertNothingStored();
  }

  @Test
  @DisplayName("a body dripping slower than the total deadline is abandoned: 504 for .mod, a failed transfer for .zip")
  void totalDeadline() {
    upstream.on("/" + M + "/@v/v1.0.0.mod", Reply.ok("module example.com/bad\n\ngo 1.21\n").drip(1, Duration.ofMillis(200)));
    byte[] zip = ModuleFixture.zip(Map.of(M + "@v1.0.0/go.mod", "module example.com/bad\n".getBytes(StandardCharsets.UTF_8)));
    upstream.on("/" + M + "/@v/v1.0.0.zip", Reply.ok(zip, "application/zip").drip(4, Duration.ofMillis(200)));
    try (MirrorHarness slow = MirrorHarness.start(tmp.resolve("slow"), upstream.baseUrl(),
        "MIRROR_UPSTREAM_TIMEOUTS_TOTAL", "1s", "MIRROR_UPSTREAM_TIMEOUTS_IDLE", "5s")) {
      long start = System.nanoTime();
      HttpResponse<byte[]> mod = slow.get("/" + M + "/@v/v1.0.0.mod");
      assertThat(mod.statusCode()).isEqualTo(504);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
      long zipStart = System.nanoTime();
      assertTransferFails(slow, "/" + M + "/@v/v1.0.0.zip");
      assertThat((System.nanoTime() - zipStart) / 1_000_000).isLessThan(8_000);
    }
  }

  @Test
  @DisplayName("after a rejected artifact, a good upstream answer is fetched and stored")
  void recoversAfterBadAnswer() {
    upstream.on("/" + M + "/@v/v1.0.0.mod", Reply.ok("not a go.mod\n"), Reply.ok("module example.com/bad\n"));
    assertThat(mirror.get("/" + M + "/@v/v1.0.0.mod").statusCode()).isEqualTo(502);
    HttpResponse<byte[]> good = mirror.get("/" + M + "/@v/v1.0.0.mod");
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(new String(good.body(), StandardCharsets.UTF_8)).isEqualTo("module example.com/bad\n");
  }

  @Test
  @DisplayName("failed fetches give their permit back: the fetch limit is never used up by errors")
  void failuresReleaseFetchPermits() {
    upstream.on("/" + M + "/@v/v1.0.0.mod", Reply.ok("module example.com/bad\n\ngo 1.21\n").truncateAfter(5));
    upstream.on("/" + M + "/@v/v1.0.1.mod", Reply.ok("go 1.21\n"));
    upstream.on("/" + M + "/@v/v1.0.2.info", Reply.resetBeforeHeaders());
    upstream.on("/" + M + "/@v/v1.0.3.mod", Reply.ok("module example.com/bad\n"));
    try (MirrorHarness limited = MirrorHarness.start(tmp.resolve("limited"), upstream.baseUrl(),
        "MIRROR_FETCH_MAX_CONCURRENT", "2")) {
      for (int i = 0; i < 4; i++) {
        assertThat(limited.get("/" + M + "/@v/v1.0.0.mod").statusCode()).isEqualTo(502);
        assertThat(limited.get("/" + M + "/@v/v1.0.1.mod").statusCode()).isEqualTo(502);
        assertThat(limited.get("/" + M + "/@v/v1.0.2.info").statusCode()).isEqualTo(502);
        assertThat(limited.get("/" + M + "/@v/v9.0.0.mod").statusCode()).isIn(400, 404);
      }
      assertThat(limited.get("/" + M + "/@v/v1.0.3.mod").statusCode()).isEqualTo(200);
    }
  }

  private void assertRejected(String path, String reason) {
    HttpResponse<byte[]> response = mirror.get(path);
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains(reason);
    assertThat(oneLine(response)).isTrue();
    assertThat(response.headers().firstValue("X-Cache")).hasValue("MISS");
    assertNothingStored();
    HttpResponse<byte[]> again = mirror.get(path);
    assertThat(again.statusCode()).isEqualTo(502);
  }

  /** The client must not receive a complete response: either an error status or a broken transfer. */
  private void assertTransferFails(String path) {
    assertTransferFails(mirror, path);
  }

  private static void assertTransferFails(MirrorHarness target, String path) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(target.baseUrl() + path).toURL().openConnection();
      connection.setReadTimeout(20_000);
      int status = connection.getResponseCode();
      if (status != 200) {
        assertThat(status).isEqualTo(502);
        return;
      }
      long declared = connection.getContentLengthLong();
      long read = 0;
      try (InputStream in = connection.getInputStream()) {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
          read += n;
        }
      }
      if (declared >= 0 && read < declared) {
        return; // the connection ended before the declared length: a failed transfer
      }
      throw new AssertionError("transfer completed (" + read + " of " + declared + " bytes) instead of failing");
    } catch (IOException expected) {
      // the connection was reset or closed early: a failed transfer, as required
    }
  }


  private void assertNothingStored() {
    Path moduleDir = tmp.resolve("data").resolve(M);
    if (Files.exists(moduleDir)) {
      try (Stream<Path> files = Files.walk(moduleDir)) {
        assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try (Stream<Path> staged = Files.list(tmp.resolve("data").resolve(".tmp"))) {
      assertThat(staged.toList()).isEmpty();
    } catch (NoSuchFileException e) {
      // nothing staged at all
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  private static boolean oneLine(HttpResponse<byte[]> response) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    return body.endsWith("\n") && body.indexOf('\n') == body.length() - 1 && !body.contains("Exception");
  }
}
