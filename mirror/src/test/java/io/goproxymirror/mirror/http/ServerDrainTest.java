package io.goproxymirror.mirror.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.testkit.LoopbackPorts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("the HTTP verticle and /readyz through the phases of a shutdown")
@Timeout(60)
class ServerDrainTest {
  private Vertx vertx;
  private ServerDrain drain;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    drain = new ServerDrain();
    port = LoopbackPorts.free();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    OpsRoutes ops = new OpsRoutes(registry, () -> true, JsonArray::new, () -> false, drain::shuttingDown);
    HttpSettings settings = new HttpSettings("127.0.0.1", port, Duration.ofSeconds(10), Duration.ofSeconds(1),
        Duration.ofSeconds(5), Optional.empty());
    vertx.deployVerticle(() -> new HttpVerticle(settings, new ThrottledLog(Duration.ofSeconds(10)), router -> {
      ops.mount(router);
      router.get("/hello").handler(ctx -> ctx.response().end("hello\n"));
    }, drain), new DeploymentOptions().setInstances(1)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("while serving: /readyz is 200 and a connection is kept alive between requests")
  void serving() throws IOException {
    try (Socket socket = connect()) {
      Answer ready = exchange(socket, "/readyz");
      Answer hello = exchange(socket, "/hello");

      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("ready\n");
      assertThat(ready.headers()).doesNotContainKey("connection");
      assertThat(hello.status()).isEqualTo(200);
      assertThat(hello.body()).isEqualTo("hello\n");
    }
  }

  @Test
  @DisplayName("while draining: /readyz is 503, other requests are served, each with Connection: close, and the"
      + " connection (opened before the drain) is closed after the answer")
  void draining() throws IOException {
    try (Socket kept = connect(); Socket other = connect()) {
      assertThat(exchange(kept, "/hello").status()).isEqualTo(200);

      assertThat(drain.drain()).isTrue();
      Answer hello = exchange(kept, "/hello");
      Answer ready = exchange(other, "/readyz");

      assertThat(hello.status()).isEqualTo(200);
      assertThat(hello.body()).isEqualTo("hello\n");
      assertThat(hello.headers()).containsEntry("connection", "close");
      assertThat(closedByServer(kept)).as("the connection closed after the answer").isTrue();
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).isEqualTo("shutting down\n");
      assertThat(ready.headers()).containsEntry("cache-control", "no-store");
      assertThat(closedByServer(other)).isTrue();
      assertThat(drain.drain()).as("a second drain").isFalse();
    }
  }

  @Test
  @DisplayName("once closing: a request that still arrives is refused with 503, Retry-After and Connection: close")
  void closing() throws IOException {
    try (Socket kept = connect()) {
      assertThat(exchange(kept, "/hello").status()).isEqualTo(200);

      drain.close();
      Answer refused = exchange(kept, "/hello");

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body()).isEqualTo("shutting down; retry on another replica\n");
      assertThat(refused.headers()).containsEntry("retry-after", "1").containsEntry("connection", "close");
      assertThat(closedByServer(kept)).isTrue();
      assertThat(drain.shuttingDown()).isTrue();
    }
  }

  private record Answer(int status, Map<String, String> headers, String body) {}

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(20_000);
    return socket;
  }

  /** One HTTP/1.1 GET on {@code socket} (kept alive), its whole answer read by Content-Length. */
  private static Answer exchange(Socket socket, String path) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: mirror\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream(), 1);
    int status = Integer.parseInt(line(in).split(" ")[1]);
    Map<String, String> headers = new HashMap<>();
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed in the answer's head");
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  /** Whether the server closed {@code socket} (end of stream) rather than leaving it open. */
  private static boolean closedByServer(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return reset.getMessage() != null && reset.getMessage().contains("reset");
    }
  }
}
