package io.goproxymirror.mirror.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("GoproxyDirServer serves a GOPROXY directory tree")
class GoproxyDirServerTest {

  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path tmp;
  private Path root;
  private GoproxyDirServer server;

  @BeforeEach
  void start(Vertx vertx) throws IOException {
    root = Files.createDirectories(tmp.resolve("root"));
    Path v = Files.createDirectories(root.resolve("github.com/!acme/x/@v"));
    Files.writeString(v.resolve("list"), "v1.0.0\n");
    Files.writeString(v.resolve("v1.0.0.info"), "{\"Version\":\"v1.0.0\"}");
    Files.writeString(v.resolve("v1.0.0.mod"), "module github.com/Acme/x\n");
    Files.write(v.resolve("v1.0.0.zip"), new byte[] {'P', 'K', 3, 4});
    Files.writeString(v.resolve("v1.0.0.lock"), "");
    Files.writeString(v.resolveSibling("@latest"), "{\"Version\":\"v1.0.0\"}");
    Files.writeString(tmp.resolve("secret.txt"), "secret");
    server = GoproxyDirServer.start(vertx, root);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("answers GET with the file and the content type of each endpoint")
  void contentTypes() throws Exception {
    assertThat(get("/github.com/%21acme/x/@v/list"))
        .satisfies(r -> assertThat(r.body()).isEqualTo("v1.0.0\n"))
        .satisfies(r -> assertThat(type(r)).isEqualTo("text/plain; charset=utf-8"));
    assertThat(type(get("/github.com/!acme/x/@v/v1.0.0.info"))).isEqualTo("application/json");
    assertThat(type(get("/github.com/!acme/x/@latest"))).isEqualTo("application/json");
    assertThat(type(get("/github.com/!acme/x/@v/v1.0.0.mod"))).isEqualTo("text/plain; charset=utf-8");
    HttpResponse<String> zip = get("/github.com/!acme/x/@v/v1.0.0.zip");
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(type(zip)).isEqualTo("application/zip");
    assertThat(server.requests().count("/github.com/!acme/x/@v/list")).isEqualTo(1);
    assertThat(server.requests().total()).isEqualTo(5);
  }

  @Test
  @DisplayName("answers HEAD with the length and no body")
  void head() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(uri("/github.com/!acme/x/@v/v1.0.0.mod"))
            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).hasValue("25");
    assertThat(response.body()).isEmpty();
  }

  @Test
  @DisplayName("answers 404 text/plain for missing files, non-proxy files and unknown endpoints")
  void notFound() throws Exception {
    for (String path : new String[] {"/github.com/!acme/x/@v/v2.0.0.info",
        "/github.com/!acme/x/@v/v1.0.0.lock", "/github.com/!acme/y/@latest", "/", "/github.com"}) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(type(response)).isEqualTo("text/plain; charset=utf-8");
    }
  }

  @Test
  @DisplayName("never serves a file outside the root, whether by .. or by symlink")
  void noTraversal() throws Exception {
    assertThat(rawStatusLine("/../secret.txt/@v/list")).contains(" 400 ");
    assertThat(rawStatusLine("/github.com/../../secret.txt/@v/v1.0.0.mod")).contains(" 400 ");
    assertThat(get("/github.com/%2e%2e/%2e%2e/secret/@v/list").statusCode()).isEqualTo(400);
    Path evil = Files.createDirectories(root.resolve("evil/@v"));
    Files.createSymbolicLink(evil.resolve("list"), tmp.resolve("secret.txt"));
    assertThat(get("/evil/@v/list").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("waits the configured delay before answering")
  void delay() throws Exception {
    server.delay(Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThat(get("/github.com/!acme/x/@v/list").statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(server.baseUrl() + path);
  }

  private static String type(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /** Sends the path byte for byte, so no client library can normalise the dots away. */
  private String rawStatusLine(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    }
  }
}
