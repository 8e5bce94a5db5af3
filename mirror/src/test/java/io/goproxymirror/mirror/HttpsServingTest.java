package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.goproxymirror.mirror.testkit.DownloadResult;
import io.goproxymirror.mirror.testkit.GoCommand;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.ProcessResult;
import io.goproxymirror.mirror.testkit.RequiredTools;
import io.goproxymirror.mirror.testkit.TestCa;
import io.goproxymirror.mirror.testkit.TestCa.KeyFormat;
import io.goproxymirror.mirror.testkit.TestCa.Pair;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The mirror serving HTTPS itself ({@code server.tls.*}), with JDK clients and the real go command. */
@DisplayName("HTTPS: serving, HTTP/2, rotation and the go command")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsServingTest {
  private static final String MODULE = "example.com/tls/hello";
  /** A module whose zip takes several 64 KiB pieces, with an odd size. */
  private static final String BIG = "example.com/tls/big";
  private static final int WAIT_MS = 5000;
  private Path tmp;
  private TestCa ca;
  private Vertx vertx;
  private GoproxyDirServer upstream;
  private byte[] zip;
  private byte[] bigZip;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    tmp = dir;
    ca = TestCa.create(dir.resolve("ca"));
    vertx = Vertx.vertx();
    Path tree = Files.createDirectories(dir.resolve("upstream"));
    zip = new ModuleFixture(tree).version(MODULE, MODULE, "v1.0.0",
        Map.of("go.mod", "module " + MODULE + "\n", "hello.go", "package hello\n"));
    new ModuleFixture(tree).write(MODULE + "/@v/list", "v1.0.0\n");
    byte[] noise = new byte[300_001];
    new Random(7).nextBytes(noise);
    bigZip = new ModuleFixture(tree).version(BIG, BIG, "v1.0.0",
        Map.of("go.mod", "module " + BIG + "\n", "data.txt", Base64.getEncoder().encodeToString(noise)));
    upstream = GoproxyDirServer.start(vertx, tree);
  }

  @AfterAll
  void stop() {
    if (upstream != null) {
      upstream.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  /** A mirror serving the pair copied to {@code live/} (as a mounted Secret), checked every 200 ms. */
  private MirrorHarness mirror(String name, Pair pair) throws IOException {
    Path live = Files.createDirectories(tmp.resolve(name + "-live"));
    install(pair, live);
    return MirrorHarness.start(tmp.resolve(name + "-data"), upstream.baseUrl(),
        "MIRROR_SERVER_TLS_CERT_FILE", live.resolve("tls.crt").toString(),
        "MIRROR_SERVER_TLS_KEY_FILE", live.resolve("tls.key").toString(),
        "MIRROR_SERVER_TLS_RELOAD_CHECK", "200ms",
        "MIRROR_SERVER_HEADER_TIMEOUT", "1s");
  }

  /** Replaces the live files, each by an atomic rename. */
  private static void install(Pair pair, Path live) throws IOException {
    replace(Files.readAllBytes(pair.cert()), live.resolve("tls.crt"));
    replace(Files.readAllBytes(pair.key()), live.resolve("tls.key"));
  }

  private static void replace(byte[] bytes, Path target) throws IOException {
    Path next = target.resolveSibling(target.getFileName() + ".next");
    Files.write(next, bytes);
    Files.move(next, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private HttpClient client(HttpClient.Version version) {
    return HttpClient.newBuilder().sslContext(ca.clientContext()).version(version)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static HttpResponse<byte[]> get(HttpClient client, String url) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The serial of the certificate a new TLS connection is given. */
  private BigInteger servedSerial(int port) throws IOException {
    try (SSLSocket socket = (SSLSocket) ca.clientContext().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(WAIT_MS);
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  private SSLSocket tlsSocket(int port) throws IOException {
    SSLSocket socket = (SSLSocket) ca.clientContext().getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout(WAIT_MS);
    return socket;
  }

  private static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Test
  @DisplayName("serves /healthz and module artifacts over HTTPS/1.1, with the strict framing and header deadline")
  void servesHttp11() throws Exception {
    try (MirrorHarness mirror = mirror("h1", ca.issue("h1", 11, KeyFormat.RSA_PKCS8))) {
      String base = "https://127.0.0.1:" + mirror.port();
      HttpClient client = client(HttpClient.Version.HTTP_1_1);
      HttpResponse<byte[]> health = get(client, base + "/healthz");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      HttpResponse<byte[]> mod = get(client, base + "/" + MODULE + "/@v/v1.0.0.mod");
      assertThat(mod.statusCode()).isEqualTo(200);
      assertThat(new String(mod.body(), StandardCharsets.UTF_8)).isEqualTo("module " + MODULE + "\n");
      assertThat(get(client, base + "/" + MODULE + "/@v/v1.0.0.zip").body()).isEqualTo(zip);
      HttpResponse<byte[]> hit = get(client, base + "/" + MODULE + "/@v/v1.0.0.zip");
      assertThat(hit.headers().firstValue("X-Cache")).contains("HIT");
      assertThat(hit.body()).isEqualTo(zip);
      assertThat(get(client, base + "/" + BIG + "/@v/v1.0.0.zip").body()).isEqualTo(bigZip);
      HttpResponse<byte[]> bigHit = get(client, base + "/" + BIG + "/@v/v1.0.0.zip");
      assertThat(bigHit.headers().firstValue("X-Cache")).contains("HIT");
      assertThat(bigZip.length).isGreaterThan(3 * 64 * 1024);
      assertThat(bigHit.headers().firstValue("Content-Length")).contains(Integer.toString(bigZip.length));
      assertThat(bigHit.body()).isEqualTo(bigZip);

      try (SSLSocket socket = tlsSocket(mirror.port())) {
        write(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n");
        RawHttp.Exchange exchange = RawHttp.readUntilClosed(socket, WAIT_MS);
        assertThat(exchange.status()).as(exchange.text()).isEqualTo(400);
        assertThat(exchange.closed()).isTrue();
      }
      try (SSLSocket socket = tlsSocket(mirror.port())) {
        write(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        RawHttp.Exchange exchange = RawHttp.readUntilClosed(socket, WAIT_MS);
        assertThat(exchange.status()).as(exchange.text()).isEqualTo(408);
        assertThat(exchange.closed()).isTrue();
      }
    }
  }

  @Test
  @DisplayName("stored zips over HTTPS/1.1 give their buffers back, also when clients go away mid-body")
  void tlsZipBuffersReturned() throws Exception {
    try (MirrorHarness mirror = mirror("buffers", ca.issue("buffers", 14, KeyFormat.EC_PKCS8))) {
      String base = "https://127.0.0.1:" + mirror.port();
      HttpClient client = client(HttpClient.Version.HTTP_1_1);
      assertThat(get(client, base + "/" + BIG + "/@v/v1.0.0.zip").body()).isEqualTo(bigZip);
      long before = activeDirectAllocations();
      for (int i = 0; i < 40; i++) {
        assertThat(get(client, base + "/" + BIG + "/@v/v1.0.0.zip").body()).isEqualTo(bigZip);
      }
      for (int i = 0; i < 20; i++) {
        try (SSLSocket socket = tlsSocket(mirror.port())) {
          write(socket, "GET /" + BIG + "/@v/v1.0.0.zip HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
          assertThat(socket.getInputStream().readNBytes(1024)).hasSize(1024);
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (activeDirectAllocations() > before + 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(activeDirectAllocations()).as("64 KiB pieces still held after 60 zips").isLessThanOrEqualTo(before + 2);
    }
  }

  /** Pieces of the pooled allocator the TLS file sender draws from that are not given back. */
  private static long activeDirectAllocations() {
    return PooledByteBufAllocator.DEFAULT.metric().directArenas().stream()
        .mapToLong(PoolArenaMetric::numActiveAllocations).sum();
  }

  @Test
  @DisplayName("negotiates HTTP/2 through ALPN and serves artifacts and 404s over it")
  void servesHttp2() throws Exception {
    try (MirrorHarness mirror = mirror("h2", ca.issue("h2", 12, KeyFormat.EC_SEC1))) {
      String base = "https://127.0.0.1:" + mirror.port();
      HttpClient client = client(HttpClient.Version.HTTP_2);
      HttpResponse<byte[]> zipResponse = get(client, base + "/" + MODULE + "/@v/v1.0.0.zip");
      assertThat(zipResponse.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(zipResponse.statusCode()).isEqualTo(200);
      assertThat(zipResponse.body()).isEqualTo(zip);
      for (String kind : new String[] {"info", "mod", "zip"}) {
        get(client, base + "/" + MODULE + "/@v/v1.0.0." + kind);
      }
      for (String kind : new String[] {"info", "mod", "zip"}) { // warm hits: stored files
        HttpResponse<byte[]> hit = get(client, base + "/" + MODULE + "/@v/v1.0.0." + kind);
        assertThat(hit.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(hit.statusCode()).as(kind).isEqualTo(200);
        assertThat(hit.headers().firstValue("x-cache")).as(kind).contains("HIT");
      }
      assertThat(get(client, base + "/" + MODULE + "/@v/v1.0.0.zip").body()).isEqualTo(zip);
      HttpResponse<byte[]> hit = get(client, base + "/" + MODULE + "/@v/v1.0.0.zip");
      assertThat(hit.headers().firstValue("X-Cache")).contains("HIT");
      assertThat(hit.body()).isEqualTo(zip);
      assertThat(get(client, base + "/" + BIG + "/@v/v1.0.0.zip").body()).isEqualTo(bigZip);
      HttpResponse<byte[]> bigHit = get(client, base + "/" + BIG + "/@v/v1.0.0.zip");
      assertThat(bigHit.headers().firstValue("X-Cache")).contains("HIT");
      assertThat(bigZip.length).isGreaterThan(3 * 64 * 1024);
      assertThat(bigHit.headers().firstValue("Content-Length")).contains(Integer.toString(bigZip.length));
      assertThat(bigHit.body()).isEqualTo(bigZip);
      HttpResponse<byte[]> list = get(client, base + "/" + MODULE + "/@v/list");
      assertThat(new String(list.body(), StandardCharsets.UTF_8)).isEqualTo("v1.0.0\n");
      HttpResponse<byte[]> missing = get(client, base + "/example.com/tls/absent/@v/v1.0.0.info");
      assertThat(missing.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(missing.statusCode()).isIn(404, 410);
      // an undecodable escape, which the JDK client refuses to send: a Vert.x h2 client
      io.vertx.core.http.HttpClient raw = vertx.createHttpClient(new HttpClientOptions()
          .setProtocolVersion(HttpVersion.HTTP_2).setSsl(true).setUseAlpn(true)
          .setTrustOptions(new PemTrustOptions().addCertPath(ca.certificate().toString())));
      try {
        assertThat(h2Get(raw, mirror.port(), "/" + MODULE + "/@v/v1%zz.info")).startsWith("400 HTTP_2 bad request");
        assertThat(h2Get(raw, mirror.port(), "/healthz")).as("the connection survives a 400").startsWith("200 HTTP_2");
      } finally {
        raw.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  @DisplayName("plain HTTP to the TLS port gets no HTTP answer")
  void refusesPlainHttp() throws Exception {
    try (MirrorHarness mirror = mirror("plain", ca.issue("plain", 13, KeyFormat.EC_PKCS8))) {
      HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertThatThrownBy(() -> get(plain, "http://127.0.0.1:" + mirror.port() + "/healthz"))
          .isInstanceOf(IOException.class);
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", mirror.port()), WAIT_MS);
        socket.setSoTimeout(WAIT_MS);
        write(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        RawHttp.Exchange exchange = RawHttp.readUntilClosed(socket, WAIT_MS);
        assertThat(exchange.text()).doesNotStartWith("HTTP/");
      }
    }
  }

  @Test
  @DisplayName("a rotated pair reaches new connections without a restart; a broken one keeps the old and is logged once")
  void rotates() throws Exception {
    ListAppender<ILoggingEvent> logs = captureLogs();
    try (MirrorHarness mirror = mirror("rot", ca.issue("rot1", 21, KeyFormat.RSA_PKCS8))) {
      Path live = tmp.resolve("rot-live");
      assertThat(servedSerial(mirror.port())).isEqualTo(BigInteger.valueOf(21));

      install(ca.issue("rot2", 22, KeyFormat.EC_PKCS8), live);
      awaitSerial(mirror.port(), 22);
      assertThat(get(client(HttpClient.Version.HTTP_2), "https://127.0.0.1:" + mirror.port() + "/healthz")
          .statusCode()).isEqualTo(200);

      Pair other = ca.issue("rot-other", 23, KeyFormat.EC_PKCS8);
      replace(Files.readAllBytes(other.key()), live.resolve("tls.key")); // a key of another certificate
      Thread.sleep(1500);
      assertThat(servedSerial(mirror.port())).isEqualTo(BigInteger.valueOf(22));
      assertThat(lines(logs, "event=tls_reload_failed")).hasSize(1);
      assertThat(lines(logs, "event=tls_reload_failed").get(0)).contains("does not belong to the certificate");

      install(ca.issue("rot3", 24, KeyFormat.RSA_PKCS1), live);
      awaitSerial(mirror.port(), 24);
      assertThat(lines(logs, "event=tls_reloaded")).hasSize(2);
      // install() renames the two files one after the other: a check between them may see the new
      // certificate with the old key and say so once more; the good pair is served all the same.
      assertThat(lines(logs, "event=tls_reload_failed")).hasSizeBetween(1, 2);
    } finally {
      root().detachAppender(logs);
    }
    assertThat(lines(logs, "event=started")).anySatisfy(line -> assertThat(line).contains("scheme=https"));
  }

  @Test
  @DisplayName("the go command downloads a module over https, trusting the test CA through SSL_CERT_FILE, with a .netrc")
  void goCommandOverHttps() throws Exception {
    RequiredTools.go();
    try (MirrorHarness mirror = mirror("go", ca.issue("go", 31, KeyFormat.EC_SEC1))) {
      GoCommand go = GoCommand.in(tmp.resolve("go")).withGoproxy("https://127.0.0.1:" + mirror.port());
      Path netrc = Files.writeString(Path.of(go.environment().get("HOME")).resolve(".netrc"),
          "machine 127.0.0.1 login ci-bot password not-checked-yet-0123456789\n");
      Path cwd = Files.createDirectories(tmp.resolve("go-cwd"));

      ProcessResult untrusted = go.run(cwd, "mod", "download", "-json", MODULE + "@v1.0.0");
      assertThat(untrusted.succeeded()).as(untrusted.describe()).isFalse();
      assertThat(untrusted.stdout() + untrusted.stderr()).contains("certificate");

      DownloadResult result = go.withEnv("SSL_CERT_FILE", ca.certificate().toString())
          .withEnv("NETRC", netrc.toString())
          .modDownload(cwd, MODULE, "v1.0.0")
          .requireOk();
      assertThat(result.zipBytes()).isEqualTo(zip);
    }
  }

  /** "status version body" of a GET sent as is (no URI check), read in one chain, within 30 s. */
  private static String h2Get(io.vertx.core.http.HttpClient client, int port, String target) throws Exception {
    return client.request(HttpMethod.GET, port, "127.0.0.1", target)
        .compose(request -> request.send()
            .compose(response -> response.body()
                .map(body -> response.statusCode() + " " + response.version() + " " + body)))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private void awaitSerial(int port, long serial) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    BigInteger seen = servedSerial(port);
    while (!seen.equals(BigInteger.valueOf(serial)) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      seen = servedSerial(port);
    }
    assertThat(seen).isEqualTo(BigInteger.valueOf(serial));
  }

  private static List<String> lines(ListAppender<ILoggingEvent> logs, String event) {
    synchronized (logs) {
      return logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains(event)).toList();
    }
  }

  private static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root().addAppender(logs);
    return logs;
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
