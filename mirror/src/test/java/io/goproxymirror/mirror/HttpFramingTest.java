package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("HTTP/1.1 framing is parsed strictly (RFC 9112) and request headers have a deadline")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFramingTest {
  /** Short, so the tests of the deadline stay short; the margins below are several times the sleeps. */
  private static final int HEADER_TIMEOUT_MS = 3000;
  /** Generous bound to detect a hang: far above the header timeout. */
  private static final int WAIT_MS = 20_000;
  private static final String MODULE = "example.com/framing";
  private static final String NEXT = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  private Vertx vertx;
  private GoproxyDirServer upstream;
  private MirrorHarness mirror;

  @BeforeAll
  void start(@TempDir Path tmp) throws IOException {
    vertx = Vertx.vertx();
    Path tree = tmp.resolve("upstream");
    Files.createDirectories(tree);
    new ModuleFixture(tree).version(MODULE, MODULE, "v1.0.0", Map.of("go.mod", "module " + MODULE + "\n", "a.go", "package a\n"));
    upstream = GoproxyDirServer.start(vertx, tree);
    mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl(),
        "MIRROR_SERVER_HEADER_TIMEOUT", HEADER_TIMEOUT_MS + "ms");
  }

  @AfterAll
  void stop() {
    mirror.close();
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  static Stream<Arguments> badMessages() {
    return Stream.of(
        Arguments.of("Content-Length and Transfer-Encoding",
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of("Content-Length and an unsupported Transfer-Encoding",
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nTransfer-Encoding: xchunked\r\n\r\n"),
        Arguments.of("two Host headers",
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n"),
        Arguments.of("no Host header",
            "GET /healthz HTTP/1.1\r\nAccept: */*\r\n\r\n"),
        Arguments.of("Transfer-Encoding folded onto a second line",
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of("another header folded (obs-fold)",
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Note: a\r\n\tb\r\n\r\n"),
        Arguments.of("Transfer-Encoding: xchunked",
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: xchunked\r\n\r\n"),
        Arguments.of("chunked not the only coding",
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of("chunked twice",
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of("Transfer-Encoding in HTTP/1.0",
            "GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badMessages")
  @DisplayName("a message with ambiguous framing or headers gets 400, the connection is closed, the pipelined request is never answered")
  void rejectsAndCloses(String name, String request) throws IOException {
    RawHttp.Exchange exchange = RawHttp.exchange(mirror.port(), request + NEXT, WAIT_MS);
    assertThat(exchange.status()).as(exchange.text()).isEqualTo(400);
    assertThat(exchange.responses()).as(exchange.text()).isEqualTo(1);
    assertThat(exchange.closed()).as("connection closed").isTrue();
    assertThat(exchange.text()).containsIgnoringCase("Content-Type: text/plain").doesNotContain("Exception");
  }

  @Test
  @DisplayName("well-formed pipelined requests, chunked bodies and plain GETs are served on one connection")
  void servesWellFormedRequests() throws IOException {
    String chunked = "POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
    String info = "GET /" + MODULE + "/@v/v1.0.0.info HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Go-http-client/1.1\r\n"
        + "Accept-Encoding: gzip\r\n\r\n";
    String last = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + mirror.port() + "\r\nConnection: close\r\n\r\n";
    RawHttp.Exchange exchange = RawHttp.exchange(mirror.port(), NEXT + chunked + info + last, WAIT_MS);
    assertThat(exchange.responses()).as(exchange.text()).isEqualTo(4);
    assertThat(exchange.text()).startsWith("HTTP/1.1 200").contains("HTTP/1.1 405").contains("\"Version\":\"v1.0.0\"");
    assertThat(mirror.get("/" + MODULE + "/@v/v1.0.0.mod").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a client that sends part of its headers and stops gets 408 after the header timeout, and is closed")
  void cutsSlowHeaders() throws IOException {
    try (Socket socket = connect()) {
      write(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
      RawHttp.Exchange exchange = RawHttp.readUntilClosed(socket, WAIT_MS);
      assertThat(exchange.closed()).as("closed before the hang bound").isTrue();
      assertThat(exchange.status()).as(exchange.text()).isEqualTo(408);
      assertThat(exchange.text()).containsIgnoringCase("Connection: close");
    }
  }

  @Test
  @DisplayName("a connection that sends nothing is closed after the header timeout, without an answer")
  void closesSilentConnections() throws IOException {
    try (Socket socket = connect()) {
      RawHttp.Exchange exchange = RawHttp.readUntilClosed(socket, WAIT_MS);
      assertThat(exchange.closed()).isTrue();
      assertThat(exchange.text()).isEmpty();
    }
  }

  @Test
  @DisplayName("a slow client that completes its headers within the timeout is served")
  void servesSlowButTimelyClients() throws Exception {
    try (Socket socket = connect()) {
      for (String part : new String[] {"GET /heal", "thz HTTP/1.1\r\n", "Host: 127.0.0.1\r\n", "Connection: close\r\n"}) {
        write(socket, part);
        Thread.sleep(HEADER_TIMEOUT_MS / 30);
      }
      write(socket, "\r\n");
      RawHttp.Exchange exchange = RawHttp.readUntilClosed(socket, WAIT_MS);
      assertThat(exchange.status()).as(exchange.text()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("a keep-alive connection idle between requests for longer than the header timeout is still served")
  void keepAliveIdleIsNotCut() throws Exception {
    try (Socket socket = connect()) {
      socket.setSoTimeout(WAIT_MS);
      write(socket, NEXT);
      assertThat(readResponseHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
      Thread.sleep(HEADER_TIMEOUT_MS * 2L);
      write(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      RawHttp.Exchange exchange = RawHttp.readUntilClosed(socket, WAIT_MS);
      assertThat(exchange.status()).as(exchange.text()).isEqualTo(200);
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", mirror.port()), 5000);
    return socket;
  }

  private static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads one response of a known small body: the head, then Content-Length bytes. */
  private static String readResponseHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    String text = head.toString();
    int at = text.toLowerCase(Locale.ROOT).indexOf("content-length:");
    if (at >= 0) {
      int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).strip());
      in.readNBytes(length);
    }
    return text;
  }
}
