package io.goproxymirror.mirror.fetch.git.locate;

import static io.goproxymirror.mirror.fetch.git.locate.GoGetServer.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GoImportDiscoveryFailureTest {
  private static final int LIMIT = 64 * 1024;

  private GoGetServer server;
  private GoImportDiscovery discovery;

  @BeforeEach
  void start() throws IOException {
    server = new GoGetServer();
    discovery = new GoImportDiscovery(server.pageUrl(), Duration.ofSeconds(2), Duration.ofMillis(500), LIMIT);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("a server that does not answer in time gives a timeout")
  void slowHeaders() {
    server.answer("go.acme.example/slow", exchange -> Thread.sleep(5_000));
    long start = System.nanoTime();
    assertThatThrownBy(() -> discovery.discover("go.acme.example/slow"))
        .isInstanceOf(UpstreamTimeoutException.class)
        .hasMessageContaining("go.acme.example/slow");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  @DisplayName("a body that stalls after the headers also hits the total deadline")
  void slowBody() {
    server.answer("go.acme.example/stall", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write("<html><head>".getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(5_000);
    });
    assertThatThrownBy(() -> discovery.discover("go.acme.example/stall"))
        .isInstanceOf(UpstreamTimeoutException.class);
  }

  @Test
  @DisplayName("a refused connection is an upstream failure")
  void refused() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    GoImportDiscovery closed = new GoImportDiscovery(
        p -> "http://127.0.0.1:" + port + "/" + p + "?go-get=1", Duration.ofSeconds(2), Duration.ofSeconds(2), LIMIT);
    assertThatThrownBy(() -> closed.discover("go.acme.example/x"))
        .isInstanceOf(UpstreamFailedException.class)
        .hasMessageContaining("cannot connect");
  }

  @Test
  @DisplayName("an unresolvable host is not found (the path names nothing), as proxy.golang.org answers")
  void unresolvable() {
    // .invalid never resolves (RFC 6761); the long deadline covers a slow or unreachable resolver
    GoImportDiscovery nowhere = new GoImportDiscovery(
        p -> "http://" + p + "?go-get=1", Duration.ofSeconds(2), Duration.ofSeconds(30), LIMIT);
    assertThatThrownBy(() -> nowhere.discover("nothing.invalid/x"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nothing.invalid")
        .hasMessageContaining("no such host");
  }

  @Test
  @DisplayName("a large page is cut at the limit but its complete head still counts")
  void oversizeBodyAfterHead() {
    String page = html("go.acme.example/big git https://git.acme.example/big")
        + "<p>" + "x".repeat(4 * LIMIT) + "</p>";
    server.page("go.acme.example/big", page);
    assertThat(discovery.discover("go.acme.example/big").url()).isEqualTo("https://git.acme.example/big");
  }

  @Test
  @DisplayName("a head that does not end within the limit is not found, even with tags after the cut")
  void oversizeHead() {
    String page = "<html><head><script>" + "y".repeat(4 * LIMIT) + "</script>"
        + "<meta name=\"go-import\" content=\"go.acme.example/huge git https://git.acme.example/huge\">"
        + "</head></html>";
    server.page("go.acme.example/huge", page);
    String partial = "<html><head><meta name=\"go-import\" content=\"go.acme.example/cut git https://git.acme.example/"
        + "c".repeat(2 * LIMIT) + "\"></head></html>";
    server.page("go.acme.example/cut", partial);
    assertThatThrownBy(() -> discovery.discover("go.acme.example/huge"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no end of <head> in its first " + LIMIT + " bytes");
    assertThatThrownBy(() -> discovery.discover("go.acme.example/cut"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  @DisplayName("a server error without tags is an upstream failure; with tags it is ignored")
  void serverError() {
    server.page("go.acme.example/down", 503, "<html><body>maintenance</body></html>");
    server.page("go.acme.example/odd", 500, html("go.acme.example/odd git https://git.acme.example/odd"));
    assertThatThrownBy(() -> discovery.discover("go.acme.example/down"))
        .isInstanceOf(UpstreamFailedException.class)
        .hasMessageContaining("status 503")
        .hasMessageNotContaining("maintenance");
    assertThat(discovery.discover("go.acme.example/odd").url()).isEqualTo("https://git.acme.example/odd");
  }

  @Test
  @DisplayName("redirects are bounded: the last redirect answer has no tags, so not found (as the go command)")
  void redirectLoop() {
    server.redirect("go.acme.example/loop", server.url("go.acme.example/loop"));
    assertThatThrownBy(() -> discovery.discover("go.acme.example/loop"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("status 302");
    assertThat(server.requests("go.acme.example/loop")).isBetween(2, 20);
  }
}
