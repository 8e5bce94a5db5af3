package io.goproxymirror.mirror.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("ScriptedUpstream answers each path as the test scripted it")
class ScriptedUpstreamTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private ScriptedUpstream upstream;

  @BeforeEach
  void start(Vertx vertx) {
    upstream = ScriptedUpstream.start(vertx);
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  @Test
  @DisplayName("plays scripted replies in order, repeats the last, and answers 404 elsewhere")
  void sequenceAndDefault() throws Exception {
    upstream.on("/m/@v/list", Reply.of(500, "boom\n"), Reply.ok("v1.0.0\n").header("X-Test", "yes"));

    HttpResponse<String> first = get("/m/@v/list");
    HttpResponse<String> second = get("/m/@v/list");
    HttpResponse<String> third = get("/m/@v/list");

    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo("v1.0.0\n");
    assertThat(second.headers().firstValue("X-Test")).hasValue("yes");
    assertThat(third.body()).isEqualTo("v1.0.0\n");
    assertThat(get("/other/@v/list").statusCode()).isEqualTo(404);
    assertThat(upstream.requests().count("/m/@v/list")).isEqualTo(3);
    assertThat(upstream.requests().total()).isEqualTo(4);
  }

  @Test
  @DisplayName("delays headers and drips the body slowly")
  void delayAndDrip() throws Exception {
    upstream.on("/slow", Reply.ok("0123456789").delayHeaders(Duration.ofMillis(200))
        .drip(4, Duration.ofMillis(100)));

    long start = System.nanoTime();
    HttpResponse<String> response = get("/slow");

    assertThat(response.body()).isEqualTo("0123456789");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
  }

  @Test
  @DisplayName("a dripped body has its headers sent before the first slow chunk")
  void dripSendsHeadersFirst() throws Exception {
    upstream.on("/drip", Reply.ok("0123456789").drip(5, Duration.ofHours(1)));

    // The request timeout covers only the wait for headers; the body would take hours.
    HttpResponse<InputStream> response = http.send(
        HttpRequest.newBuilder(uri("/drip")).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofInputStream());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).hasValue("10");
    response.body().close();
  }

  @Test
  @DisplayName("closes the connection after part of a body with a larger Content-Length")
  void truncated() throws Exception {
    upstream.on("/cut", Reply.ok("0123456789".repeat(10)).truncateAfter(10));

    String raw = rawExchange("/cut");

    assertThat(raw).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("content-length: 100");
    assertThat(raw).endsWith("\r\n\r\n0123456789");
    assertThatThrownBy(() -> get("/cut")).isInstanceOf(IOException.class);

    upstream.on("/headers-only", Reply.ok("01234").truncateAfter(0));
    assertThat(rawExchange("/headers-only"))
        .containsIgnoringCase("content-length: 5").endsWith("\r\n\r\n");
  }

  @Test
  @DisplayName("resets the connection before any header")
  void reset() {
    upstream.on("/reset", Reply.resetBeforeHeaders());

    assertThatThrownBy(() -> rawExchange("/reset"))
        .isInstanceOf(SocketException.class)
        .hasMessageContaining("reset");
    assertThat(upstream.requests().count("/reset")).isEqualTo(1);
  }

  @Test
  @DisplayName("resets the connection in the middle of a body")
  void resetMidBody() {
    upstream.on("/reset-mid", Reply.ok("0123456789".repeat(10)).resetAfter(10));

    assertThatThrownBy(() -> rawExchange("/reset-mid"))
        .isInstanceOf(SocketException.class)
        .hasMessageContaining("reset");
    assertThatThrownBy(() -> get("/reset-mid")).isInstanceOf(IOException.class);
    assertThat(upstream.requests().count("/reset-mid")).isEqualTo(2);
  }

  @Test
  @DisplayName("declares a Content-Length larger or smaller than the body it sends, then closes")
  void lyingContentLength() throws Exception {
    upstream.on("/longer", Reply.ok("0123456789").declareLength(25));
    upstream.on("/shorter", Reply.ok("0123456789").declareLength(4));

    assertThat(rawExchange("/longer")).containsIgnoringCase("content-length: 25").endsWith("\r\n\r\n0123456789");
    assertThatThrownBy(() -> get("/longer")).isInstanceOf(IOException.class);
    assertThat(rawExchange("/shorter")).containsIgnoringCase("content-length: 4").endsWith("\r\n\r\n0123456789");
    HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    assertThat(http11.send(HttpRequest.newBuilder(uri("/shorter")).build(), HttpResponse.BodyHandlers.ofString())
        .body()).isEqualTo("0123");
  }

  @Test
  @DisplayName("never answers a hanging path, so the client times out")
  void hang() {
    upstream.on("/hang", Reply.hang());

    assertThatThrownBy(() -> http.send(
            HttpRequest.newBuilder(uri("/hang")).timeout(Duration.ofMillis(300)).build(),
            HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  @DisplayName("serves invalid JSON that the real go command rejects")
  void invalidJsonRejectedByGo(@TempDir Path tmp) {
    upstream.on("/github.com/acme/x/@v/v1.0.0.info", Reply.invalidJson());

    DownloadResult result =
        new GoClient(tmp, upstream.baseUrl()).tryDownload("github.com/acme/x", "v1.0.0");

    assertThat(result.ok()).isFalse();
    assertThat(result.error()).contains("invalid");
    assertThat(upstream.requests().paths()).containsExactly("/github.com/acme/x/@v/v1.0.0.info");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(upstream.baseUrl() + path);
  }

  /** Everything the server sends on one connection until it closes it. */
  private String rawExchange(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", upstream.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        received.write(buffer, 0, n);
      }
      return received.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
