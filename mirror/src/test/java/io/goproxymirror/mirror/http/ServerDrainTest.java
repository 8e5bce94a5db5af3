package io.goproxymirror.mirror.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.ServerTlsConfig;
import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.testkit.HttpProbe.Answer;
import io.goproxymirror.mirror.testkit.HttpProbe;
import io.goproxymirror.mirror.testkit.LoopbackPorts;
import io.goproxymirror.mirror.testkit.TestCa;
import io.goproxymirror.mirror.tls.TlsServers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
    deploy(port, Optional.empty());
  }

  private void deploy(int port, Optional<TlsServers> tls) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    OpsRoutes ops = new OpsRoutes(registry, () -> true, JsonArray::new, () -> false, drain::shuttingDown);
    HttpSettings settings = new HttpSettings("127.0.0.1", port, Duration.ofSeconds(10), Duration.ofSeconds(1),
        Duration.ofSeconds(5), tls);
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
    try (Socket socket = HttpProbe.connect(port)) {
      Answer ready = HttpProbe.exchange(socket, "/readyz");
      Answer hello = HttpProbe.exchange(socket, "/hello");

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
    try (Socket kept = HttpProbe.connect(port); Socket other = HttpProbe.connect(port)) {
      assertThat(HttpProbe.exchange(kept, "/hello").status()).isEqualTo(200);

      assertThat(drain.drain()).isTrue();
      Answer hello = HttpProbe.exchange(kept, "/hello");
      Answer ready = HttpProbe.exchange(other, "/readyz");

      assertThat(hello.status()).isEqualTo(200);
      assertThat(hello.body()).isEqualTo("hello\n");
      assertThat(hello.headers()).containsEntry("connection", "close");
      assertThat(HttpProbe.closedByServer(kept)).as("the connection closed after the answer").isTrue();
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).isEqualTo("shutting down\n");
      assertThat(ready.headers()).containsEntry("cache-control", "no-store");
      assertThat(HttpProbe.closedByServer(other)).isTrue();
      assertThat(drain.drain()).as("a second drain").isFalse();
    }
  }

  @Test
  @DisplayName("while draining over h2: the request is answered, its connection gets a GOAWAY and is closed, and the"
      + " next request goes on a new connection")
  void drainingH2(@TempDir Path dir) throws Exception {
    TestCa ca = TestCa.create(dir.resolve("ca"));
    TestCa.Pair pair = ca.issue("server", 1, TestCa.KeyFormat.EC_PKCS8);
    int tlsPort = LoopbackPorts.free();
    deploy(tlsPort, Optional.of(TlsServers.load(new ServerTlsConfig(Optional.of(pair.cert()), Optional.of(pair.key()),
        Duration.ofSeconds(30)), Duration.ofSeconds(10), vertx)));
    HttpClient client = vertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2).setSsl(true).setUseAlpn(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(ca.certificate().toString())));
    Promise<Void> goAway = Promise.promise();
    Promise<Void> closed = Promise.promise();

    H2Answer first = h2Get(client, tlsPort, connection -> { });
    drain.drain();
    H2Answer draining = h2Get(client, tlsPort, connection -> connection
        .goAwayHandler(frame -> goAway.tryComplete())
        .closeHandler(v -> closed.tryComplete()));
    await(goAway.future());
    await(closed.future());
    H2Answer next = h2Get(client, tlsPort, connection -> { });

    assertThat(first.text()).isEqualTo("200 HTTP_2 hello\n");
    assertThat(draining.text()).isEqualTo("200 HTTP_2 hello\n");
    assertThat(draining.connection()).as("the connection kept since before the drain").isSameAs(first.connection());
    assertThat(next.text()).isEqualTo("200 HTTP_2 hello\n");
    assertThat(next.connection()).isNotSameAs(draining.connection());
  }

  @Test
  @DisplayName("once closing: a request that still arrives is refused with 503, Retry-After and Connection: close")
  void closing() throws IOException {
    try (Socket kept = HttpProbe.connect(port)) {
      assertThat(HttpProbe.exchange(kept, "/hello").status()).isEqualTo(200);

      drain.close();
      Answer refused = HttpProbe.exchange(kept, "/hello");

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body()).isEqualTo("shutting down; retry on another replica\n");
      assertThat(refused.headers()).containsEntry("retry-after", "1").containsEntry("connection", "close");
      assertThat(HttpProbe.closedByServer(kept)).isTrue();
      assertThat(drain.shuttingDown()).isTrue();
    }
  }

  private record H2Answer(String text, HttpConnection connection) {}

  /** GET /hello on {@code client}; {@code onConnection} sees the connection before the request is sent. */
  private static H2Answer h2Get(HttpClient client, int port, Consumer<HttpConnection> onConnection) throws Exception {
    return await(client.request(HttpMethod.GET, port, "127.0.0.1", "/hello")
        .compose(request -> {
          onConnection.accept(request.connection());
          return request.send().compose(response -> response.body().map(body -> new H2Answer(
              response.statusCode() + " " + response.version() + " " + body, request.connection())));
        }));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
