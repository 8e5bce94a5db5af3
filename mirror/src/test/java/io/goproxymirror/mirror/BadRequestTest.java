package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("malformed and hostile requests get a one-line 4xx and touch nothing outside the data directory")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestTest {
  private Path tmp;
  private Vertx vertx;
  private GoproxyDirServer upstream;
  private MirrorHarness mirror;
  private List<Path> outsideBefore;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    tmp = dir;
    vertx = Vertx.vertx();
    Path tree = tmp.resolve("upstream");
    Files.createDirectories(tree);
    Files.writeString(tmp.resolve("secret.txt"), "do not serve\n");
    upstream = GoproxyDirServer.start(vertx, tree);
    mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl());
    outsideBefore = outsideDataDir();
  }

  @AfterAll
  void stop() throws IOException {
    mirror.close();
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
    assertThat(outsideDataDir()).isEqualTo(outsideBefore);
  }

  static Stream<Arguments> hostile() {
    String longPath = "/example.com/" + "a".repeat(3000) + "/@v/list";
    return Stream.of(
        Arguments.of("GET", "/../../etc/passwd", 400),
        Arguments.of("GET", "/example.com/m/../../secret.txt/@v/list", 400),
        Arguments.of("GET", "/example.com/%2e%2e/%2e%2e/secret.txt/@v/list", 400),
        Arguments.of("GET", "/example.com/%2E%2E/@v/v1.0.0.info", 400),
        Arguments.of("GET", "/example.com/m/@v/..%2f..%2fsecret.info", 400),
        Arguments.of("GET", "/example.com/./m/@v/list", 400),
        Arguments.of("GET", "/example.com//m/@v/list", 400),
        Arguments.of("GET", "/example.com\\m/@v/list", 400),
        Arguments.of("GET", "/example.com/m%5c..%5csecret/@v/list", 400),
        Arguments.of("GET", "/example.com/m%00/@v/list", 400),
        Arguments.of("GET", "/example.com/m/@v/v1.0.0%00.info", 400),
        Arguments.of("GET", "/example.com/m%0a/@v/list", 400),
        Arguments.of("GET", "/example.com/m%01x/@v/list", 400),
        Arguments.of("GET", "/github.com/Azure/go/@v/list", 400),
        Arguments.of("GET", "/github.com/%21/go/@v/list", 400),
        Arguments.of("GET", "/github.com/!1zure/go/@v/list", 400),
        Arguments.of("GET", "/github.com/azure!/@v/list", 400),
        Arguments.of("GET", "/github.com/az%ZZure/@v/list", 400),
        Arguments.of("GET", "/github.com/az%2/@v/list", 400),
        Arguments.of("GET", "/example.com/m/@v/v1.0.0-RC1.info", 400),
        Arguments.of("GET", "/example.com/m/@v/v1.0.mod", 400),
        Arguments.of("GET", "/example.com/m/@v/v1.0.0+meta.zip", 400),
        Arguments.of("GET", "/example.com/m/@v/v01.0.0.mod", 400),
        Arguments.of("GET", "/example.com/m/@v/1.0.0.mod", 400),
        Arguments.of("GET", "/example.com/m/@v/master.zip", 400),
        Arguments.of("GET", "/example.com/m/@v/v2.0.0.mod", 400),
        Arguments.of("GET", "/example.com/m/v2/@v/v1.0.0.zip", 400),
        Arguments.of("GET", "/example.com/m/v1/@v/list", 400),
        Arguments.of("GET", "/example.com/m/v0/@v/list", 400),
        Arguments.of("GET", "/localhost/m/@v/list", 400),
        Arguments.of("GET", "/-example.com/m/@v/list", 400),
        Arguments.of("GET", "/example.com/.hidden/@v/list", 400),
        Arguments.of("GET", "/example.com/m./@v/list", 400),
        Arguments.of("GET", "/example.com/con/@v/list", 400),
        Arguments.of("GET", "/example.com/EXAMPL~1/@v/list", 400),
        Arguments.of("GET", "/example.com/m%20x/@v/list", 400),
        Arguments.of("GET", "/example.com/m/@v/v1.0.0:x.info", 400),
        Arguments.of("GET", "/example.com/%C3%A9/@v/list", 400),
        Arguments.of("GET", longPath, 400),
        Arguments.of("GET", "/example.com/m/@v/v1.0.0.tar", 404),
        Arguments.of("GET", "/example.com/m/@v/", 404),
        Arguments.of("GET", "/example.com/m/@v/v1.0.0", 404),
        Arguments.of("GET", "/example.com/m/@latest/x", 404),
        Arguments.of("GET", "/example.com/m", 404),
        Arguments.of("GET", "/", 404),
        Arguments.of("GET", "/sumdb/sum.example.org/supported", 404),
        Arguments.of("POST", "/example.com/m/@v/list", 405),
        Arguments.of("PUT", "/example.com/m/@v/v1.0.0.zip", 405),
        Arguments.of("DELETE", "/example.com/m/@v/v1.0.0.zip", 405),
        Arguments.of("PATCH", "/healthz", 405),
        Arguments.of("OPTIONS", "/example.com/m/@v/list", 405));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("hostile")
  void rejects(String method, String target, int expected) throws IOException {
    RawHttp.Response response = RawHttp.send(mirror.port(), method, target);
    assertThat(response.status()).as(response.head()).isEqualTo(expected);
    assertThat(response.head()).containsIgnoringCase("Content-Type: text/plain");
    String body = response.body();
    assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("do not serve");
    assertThat(body.strip()).doesNotContain("\n");
    assertThat(body.length()).isLessThan(600);
  }

  private List<Path> outsideDataDir() throws IOException {
    try (Stream<Path> files = Files.walk(tmp)) {
      return files.filter(p -> !p.startsWith(tmp.resolve("data"))).sorted().toList();
    }
  }
}
