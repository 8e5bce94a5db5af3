package io.goproxymirror.mirror.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.errors.GoneException;
import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.serve.CacheStatus;
import io.goproxymirror.mirror.serve.Reply;
import io.goproxymirror.mirror.testkit.HandlerResponse;
import io.goproxymirror.mirror.testkit.HandlerTestBase;
import io.goproxymirror.sync.port.ModuleVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GOPROXY handlers as {@link ModuleRoutes} mounts them, over fake answers. */
class ModuleHandlersTest extends HandlerTestBase {
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String SHORT = "public, max-age=60";
  private static final String INFO = "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-02T03:04:05Z\"}";
  private static final String MOD = "module example.com/m\n\ngo 1.21\n";
  private final FakeModuleAnswers answers = new FakeModuleAnswers();
  private final BlockingQueue<ModuleVersion> clientMisses = new LinkedBlockingQueue<>();

  @BeforeEach
  void mount() {
    ModuleRoutes routes = new ModuleRoutes(answers, new MirrorMetrics(new SimpleMeterRegistry()),
        clientMisses::add, 16, new ThrottledLog(Duration.ofSeconds(10)));
    serve(routes::mount);
  }

  private static Reply bytes(String body, String etag, CacheStatus cache) {
    return new Reply.Bytes(200, body.getBytes(UTF_8), etag, cache);
  }

  @Test
  @DisplayName("a stored .info is 200 JSON, cached forever, with its ETag and X-Cache: HIT")
  void infoHit() {
    answers.answer("info example.com/m@v1.0.0", bytes(INFO, "abc123", CacheStatus.HIT));

    HandlerResponse r = testRequest(HttpMethod.GET, "/example.com/m/@v/v1.0.0.info", 200, INFO);

    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Cache-Control")).isEqualTo(IMMUTABLE);
    assertThat(r.header("ETag")).isEqualTo("\"abc123\"");
    assertThat(r.header("X-Cache")).isEqualTo("HIT");
    assertThat(answers.calls()).containsExactly("info example.com/m@v1.0.0");
  }

  @Test
  @DisplayName("If-None-Match with the artifact's ETag is 304 without a body")
  void notModified() {
    answers.answer("mod example.com/m@v1.0.0", bytes(MOD, "abc123", CacheStatus.HIT));

    HandlerResponse r = request(HttpMethod.GET, "/example.com/m/@v/v1.0.0.mod", "If-None-Match", "\"abc123\"");

    assertThat(r.status()).isEqualTo(304);
    assertThat(r.text()).isEmpty();
    assertThat(r.header("ETag")).isEqualTo("\"abc123\"");
    assertThat(r.header("X-Cache")).isEqualTo("HIT");
    assertThat(r.header("Cache-Control")).isEqualTo(IMMUTABLE);
  }

  @Test
  @DisplayName("If-None-Match naming the ETag among others, or *, is 304; another ETag gets the body")
  void ifNoneMatchForms() {
    answers.answer("mod example.com/m@v1.0.0", bytes(MOD, "abc123", CacheStatus.HIT));
    String path = "/example.com/m/@v/v1.0.0.mod";

    assertThat(request(HttpMethod.GET, path, "If-None-Match", "\"zzz\", \"abc123\"").status()).isEqualTo(304);
    assertThat(request(HttpMethod.GET, path, "If-None-Match", "*").status()).isEqualTo(304);
    HandlerResponse other = request(HttpMethod.GET, path, "If-None-Match", "\"zzz\"");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.text()).isEqualTo(MOD);
  }

  @Test
  @DisplayName("a .mod fetched for this request is X-Cache: MISS and reported as a client miss; a hit is not")
  void modMissReported() throws InterruptedException {
    answers.answer("mod example.com/m@v1.0.0", bytes(MOD, "h1", CacheStatus.HIT));
    answers.answer("mod example.com/m@v1.1.0", bytes(MOD, "h2", CacheStatus.MISS));

    HandlerResponse hit = testRequest(HttpMethod.GET, "/example.com/m/@v/v1.0.0.mod", 200, MOD);
    HandlerResponse miss = testRequest(HttpMethod.GET, "/example.com/m/@v/v1.1.0.mod", 200, MOD);

    assertThat(hit.header("X-Cache")).isEqualTo("HIT");
    assertThat(miss.header("X-Cache")).isEqualTo("MISS");
    assertThat(miss.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(miss.header("Cache-Control")).isEqualTo(IMMUTABLE);
    // Both requests ran on the server's one event loop, in order: the first reported is the miss.
    assertThat(clientMisses.poll(10, TimeUnit.SECONDS)).isEqualTo(new ModuleVersion("example.com/m", "v1.1.0"));
    assertThat(clientMisses).isEmpty();
  }

  @Test
  @DisplayName("HEAD of a .mod has the headers and Content-Length of the GET, and no body")
  void headBytes() {
    answers.answer("mod example.com/m@v1.0.0", bytes(MOD, "abc123", CacheStatus.HIT));

    HandlerResponse r = testRequest(HttpMethod.HEAD, "/example.com/m/@v/v1.0.0.mod", 200, "");

    assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(MOD.getBytes(UTF_8).length));
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("ETag")).isEqualTo("\"abc123\"");
    assertThat(r.header("Cache-Control")).isEqualTo(IMMUTABLE);
    assertThat(r.header("X-Cache")).isEqualTo("HIT");
  }

  @Test
  @DisplayName("a stored zip is sent from its file with zip headers; HEAD gives its size and no body")
  void storedZip(@TempDir Path dir) throws Exception {
    byte[] zip = new byte[70_000];
    for (int i = 0; i < zip.length; i++) {
      zip[i] = (byte) (i * 31);
    }
    Path file = Files.write(dir.resolve("v1.0.0.zip"), zip);
    answers.answer("zip example.com/m@v1.0.0", new Reply.StoredFile(file, zip.length, "z1", CacheStatus.HIT));

    HandlerResponse get = request(HttpMethod.GET, "/example.com/m/@v/v1.0.0.zip");
    HandlerResponse head = request(HttpMethod.HEAD, "/example.com/m/@v/v1.0.0.zip");
    HandlerResponse cached = request(HttpMethod.GET, "/example.com/m/@v/v1.0.0.zip", "If-None-Match", "\"z1\"");

    assertThat(get.status()).isEqualTo(200);
    assertThat(get.body().getBytes()).isEqualTo(zip);
    assertThat(get.header("Content-Type")).isEqualTo("application/zip");
    assertThat(get.header("Content-Length")).isEqualTo("70000");
    assertThat(get.header("Cache-Control")).isEqualTo(IMMUTABLE);
    assertThat(get.header("ETag")).isEqualTo("\"z1\"");
    assertThat(get.header("X-Cache")).isEqualTo("HIT");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body().length()).isZero();
    assertThat(head.header("Content-Length")).isEqualTo("70000");
    assertThat(head.header("Content-Type")).isEqualTo("application/zip");
    assertThat(cached.status()).isEqualTo(304);
    assertThat(cached.body().length()).isZero();
  }

  @Test
  @DisplayName("an .info of a non-canonical version is a query: short caching, no ETag")
  void infoQuery() {
    answers.answer("query example.com/m@master", bytes(INFO, null, CacheStatus.MISS));

    HandlerResponse r = testRequest(HttpMethod.GET, "/example.com/m/@v/master.info", 200, INFO);

    assertThat(r.header("Cache-Control")).isEqualTo(SHORT);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("ETag")).isNull();
    assertThat(r.header("X-Cache")).isEqualTo("MISS");
    assertThat(answers.calls()).containsExactly("query example.com/m@master");
  }

  @Test
  @DisplayName("a list is plain text with short caching and says STALE when served stale")
  void listStale() {
    answers.answer("list example.com/m", bytes("v1.0.0\nv1.1.0\n", null, CacheStatus.STALE));

    HandlerResponse r = testRequest(HttpMethod.GET, "/example.com/m/@v/list", 200, "v1.0.0\nv1.1.0\n");

    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("Cache-Control")).isEqualTo(SHORT);
    assertThat(r.header("X-Cache")).isEqualTo("STALE");
    assertThat(r.header("ETag")).isNull();
  }

  @Test
  @DisplayName("@latest is JSON with short caching")
  void latest() {
    answers.answer("latest example.com/m", bytes(INFO, null, CacheStatus.HIT));

    HandlerResponse r = testRequest(HttpMethod.GET, "/example.com/m/@latest", 200, INFO);

    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Cache-Control")).isEqualTo(SHORT);
    assertThat(r.header("X-Cache")).isEqualTo("HIT");
  }

  @Test
  @DisplayName("a remembered not-found answer is 404 with its first line only, short caching, and how it was served")
  void negativeAnswer() {
    answers.answer("list example.com/m", new Reply.Bytes(404,
        "not found: example.com/m: no such module\nsecond line".getBytes(UTF_8), null, CacheStatus.HIT));

    HandlerResponse r = testRequest(HttpMethod.GET, "/example.com/m/@v/list", 404,
        "not found: example.com/m: no such module\n");

    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("Cache-Control")).isEqualTo(SHORT);
    assertThat(r.header("X-Cache")).isEqualTo("HIT");
  }

  @Test
  @DisplayName("a gone answer stays 410 (not 404), so the go command falls through as the source said")
  void goneAnswer() {
    answers.answer("mod example.com/m@v1.0.0", new Reply.Bytes(410,
        "gone: example.com/m@v1.0.0 was retracted upstream".getBytes(UTF_8), null, CacheStatus.MISS));
    answers.fail("zip example.com/m@v1.0.0", new GoneException("gone: example.com/m@v1.0.0"));

    HandlerResponse reply = testRequest(HttpMethod.GET, "/example.com/m/@v/v1.0.0.mod", 410,
        "gone: example.com/m@v1.0.0 was retracted upstream\n");
    HandlerResponse failure = testRequest(HttpMethod.GET, "/example.com/m/@v/v1.0.0.zip", 410,
        "gone: example.com/m@v1.0.0\n");

    assertThat(reply.header("X-Cache")).isEqualTo("MISS");
    assertThat(failure.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  @DisplayName("a service failure goes to the failure handler: one line, no-store, X-Cache: MISS")
  void serviceFailure() {
    HandlerResponse r = testRequest(HttpMethod.GET, "/example.com/m/@v/v1.2.0.info", 404,
        "not found: unscripted info example.com/m@v1.2.0\n");

    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("X-Cache")).isEqualTo("MISS");
    assertThat(r.header("ETag")).isNull();
  }

  @Test
  @DisplayName("a malformed module path is 400 and never reaches a service")
  void malformedPath() {
    HandlerResponse r = testRequest(HttpMethod.GET, "/example.com/Upper/@v/list", 400,
        "invalid escaped module path \"example.com/Upper\"\n");

    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(answers.calls()).isEmpty();
  }

  @Test
  @DisplayName("a zip of a non-canonical version is 400; a path that is no endpoint is 404")
  void notEndpoints() {
    testRequest(HttpMethod.GET, "/example.com/m/@v/master.zip", 400,
        "version \"master\" is not a canonical version of example.com/m\n");
    testRequest(HttpMethod.GET, "/example.com/m/other", 404, "not a module proxy path\n");
    assertThat(answers.calls()).isEmpty();
  }

  @Test
  @DisplayName("methods other than GET and HEAD are 405 with Allow")
  void methodNotAllowed() {
    HandlerResponse r = testRequest(HttpMethod.POST, "/example.com/m/@v/list", 405,
        "method POST is not allowed; use GET or HEAD\n");

    assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(answers.calls()).isEmpty();
  }
}
