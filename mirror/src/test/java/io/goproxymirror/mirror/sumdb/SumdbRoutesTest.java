package io.goproxymirror.mirror.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.upstream.UpstreamTimeouts;
import io.goproxymirror.gomod.PathPatterns;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.store.FileBlobStore;
import io.goproxymirror.mirror.testkit.HandlerResponse;
import io.goproxymirror.mirror.testkit.HandlerTestBase;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.goproxymirror.mirror.testkit.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SumdbRoutes} and {@link SumdbReplyWriter} over the real {@link SumdbService}, with a file
 * blob store on a temp dir and a scripted loopback server playing the checksum database.
 */
class SumdbRoutesTest extends HandlerTestBase {
  private static final String DB = "sum.golang.org";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String LOOKUP = "5\nexample.com/m v1.0.0 h1:abc=\nexample.com/m v1.0.0/go.mod h1:def=\n\n"
      + "go.sum database tree\n6\nhash=\n\n— sum.golang.org sig\n";
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private ScriptedUpstream database;

  @BeforeEach
  void mount(@TempDir Path dir) {
    database = ScriptedUpstream.start(vertx);
    MirrorMetrics metrics = new MirrorMetrics(new SimpleMeterRegistry());
    Duration five = Duration.ofSeconds(5);
    SumdbDatabaseClient client = new SumdbDatabaseClient(vertx, DB, database.baseUrl(),
        new UpstreamTimeouts(five, five, five, five), 4, metrics);
    SumdbService service = new SumdbService(Map.of(DB, client), new FileBlobStore(dir, Schedulers.io()),
        1 << 20, Duration.ofMinutes(10), Duration.ofMinutes(1), clock);
    SumdbRoutes routes = new SumdbRoutes(service, PathPatterns.parse("git.corp.example.com"),
        PathPatterns.parse("nosum.example.com/*"), metrics, Duration.ofMinutes(10));
    serve(routes::mount);
  }

  private String sumdb(String rest) {
    return "/sumdb/" + DB + "/" + rest;
  }

  @Test
  @DisplayName("supported is an empty 200 for a proxied database, without asking it")
  void supported() {
    HandlerResponse r = testRequest(HttpMethod.GET, sumdb("supported"), 200, "");

    assertThat(r.header("Content-Length")).isEqualTo("0");
    assertThat(r.header("X-Cache")).isEqualTo("HIT");
    assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=60");
    assertThat(database.requests().total()).isZero();
  }

  @Test
  @DisplayName("a database this mirror does not proxy is 404, so the go command asks it directly")
  void otherDatabase() {
    HandlerResponse r = testRequest(HttpMethod.GET, "/sumdb/sum.example.org/supported", 404,
        "not found: this mirror does not proxy checksum database sum.example.org\n");

    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(database.requests().total()).isZero();
  }

  @Test
  @DisplayName("a full hash tile is fetched once, then served from storage forever as binary")
  void fullTile() {
    byte[] tile = new byte[8 * 32];
    for (int i = 0; i < tile.length; i++) {
      tile[i] = (byte) i;
    }
    database.on("/tile/3/0/000", Reply.ok(tile, "application/octet-stream"));

    HandlerResponse first = request(HttpMethod.GET, sumdb("tile/3/0/000"));
    HandlerResponse second = request(HttpMethod.GET, sumdb("tile/3/0/000"));

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().getBytes()).isEqualTo(tile);
    assertThat(first.header("X-Cache")).isEqualTo("MISS");
    assertThat(first.header("Cache-Control")).isEqualTo(IMMUTABLE);
    assertThat(first.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(second.body().getBytes()).isEqualTo(tile);
    assertThat(second.header("X-Cache")).isEqualTo("HIT");
    assertThat(second.header("Cache-Control")).isEqualTo(IMMUTABLE);
    assertThat(database.requests().count("/tile/3/0/000")).isEqualTo(1);
  }

  @Test
  @DisplayName("a data tile is text; a partial tile is cached briefly")
  void dataAndPartialTiles() {
    database.on("/tile/3/data/000", Reply.ok("example.com/m v1.0.0 h1:abc=\n"));
    database.on("/tile/3/0/000.p/5", Reply.ok(new byte[5 * 32], "application/octet-stream"));

    HandlerResponse data = testRequest(HttpMethod.GET, sumdb("tile/3/data/000"), 200,
        "example.com/m v1.0.0 h1:abc=\n");
    HandlerResponse partial = request(HttpMethod.GET, sumdb("tile/3/0/000.p/5"));

    assertThat(data.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
    assertThat(data.header("Cache-Control")).isEqualTo(IMMUTABLE);
    assertThat(partial.status()).isEqualTo(200);
    assertThat(partial.body().length()).isEqualTo(160);
    assertThat(partial.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(partial.header("Cache-Control")).isEqualTo("public, max-age=60");
  }

  @Test
  @DisplayName("a lookup is cached for the lookup TTL: MISS, then HIT without asking the database")
  void lookupCached() {
    database.on("/lookup/example.com/m@v1.0.0", Reply.ok(LOOKUP));

    HandlerResponse miss = testRequest(HttpMethod.GET, sumdb("lookup/example.com/m@v1.0.0"), 200, LOOKUP);
    clock.advance(Duration.ofMinutes(9));
    HandlerResponse hit = testRequest(HttpMethod.GET, sumdb("lookup/example.com/m@v1.0.0"), 200, LOOKUP);

    assertThat(miss.header("X-Cache")).isEqualTo("MISS");
    assertThat(miss.header("Cache-Control")).isEqualTo("public, max-age=600");
    assertThat(miss.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
    assertThat(hit.header("X-Cache")).isEqualTo("HIT");
    assertThat(database.requests().count("/lookup/example.com/m@v1.0.0")).isEqualTo(1);
  }

  @Test
  @DisplayName("an expired lookup is served STALE and not cacheable when the database fails")
  void lookupStale() {
    database.on("/lookup/example.com/m@v1.0.0", Reply.ok(LOOKUP), Reply.of(500, "down"));

    testRequest(HttpMethod.GET, sumdb("lookup/example.com/m@v1.0.0"), 200, LOOKUP);
    clock.advance(Duration.ofMinutes(11));
    HandlerResponse stale = testRequest(HttpMethod.GET, sumdb("lookup/example.com/m@v1.0.0"), 200, LOOKUP);

    assertThat(stale.header("X-Cache")).isEqualTo("STALE");
    assertThat(stale.header("Cache-Control")).isEqualTo("no-store");
    assertThat(database.requests().count("/lookup/example.com/m@v1.0.0")).isEqualTo(2);
  }

  @Test
  @DisplayName("latest is asked every time and never cacheable; when the database then fails the last copy is STALE")
  void latest() {
    database.on("/latest", Reply.ok("go.sum database tree\n7\nhash=\n"), Reply.of(503, "busy"));

    HandlerResponse first = testRequest(HttpMethod.GET, sumdb("latest"), 200, "go.sum database tree\n7\nhash=\n");
    HandlerResponse stale = testRequest(HttpMethod.GET, sumdb("latest"), 200, "go.sum database tree\n7\nhash=\n");

    assertThat(first.header("X-Cache")).isEqualTo("MISS");
    assertThat(first.header("Cache-Control")).isEqualTo("no-store");
    assertThat(stale.header("X-Cache")).isEqualTo("STALE");
    assertThat(database.requests().count("/latest")).isEqualTo(2);
  }

  @Test
  @DisplayName("a database failure with nothing cached is 502, one line")
  void failureWithoutCopy() {
    database.on("/latest", Reply.of(500, "internal\nstack"));

    HandlerResponse r = testRequest(HttpMethod.GET, sumdb("latest"), 502,
        "checksum database sum.golang.org answered status 500\n");

    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  @DisplayName("a 404 of the database is passed on as 404, so the client can fall back to the full tile")
  void notFoundPassedOn() {
    testRequest(HttpMethod.GET, sumdb("tile/3/0/001.p/2"), 404,
        "not found: checksum database sum.golang.org answered 404\n");
  }

  @Test
  @DisplayName("a lookup of a private or no-sumdb module is 403 and never sent to the database")
  void privateLookup() {
    HandlerResponse priv = request(HttpMethod.GET, sumdb("lookup/git.corp.example.com/team/x@v1.0.0"));
    HandlerResponse nosum = request(HttpMethod.GET, sumdb("lookup/nosum.example.com/y@v1.0.0"));

    assertThat(priv.status()).isEqualTo(403);
    assertThat(priv.text()).isEqualTo("forbidden: git.corp.example.com/team/x is a private module of this mirror;"
        + " add it to GONOSUMDB (or GOPRIVATE) so the go command does not look it up in sum.golang.org\n");
    assertThat(nosum.status()).isEqualTo(403);
    assertThat(database.requests().total()).isZero();
  }

  @Test
  @DisplayName("a malformed lookup is 400, an unknown endpoint 404, other methods 405")
  void rejected() {
    testRequest(HttpMethod.GET, sumdb("lookup/example.com/m"), 400, "bad request: lookup must be <module>@<version>\n");
    testRequest(HttpMethod.GET, sumdb("tile/3/0/../../x"), 404, "not found: no such checksum database endpoint\n");
    HandlerResponse post = testRequest(HttpMethod.POST, sumdb("latest"), 405,
        "method POST is not allowed; use GET or HEAD\n");

    assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(database.requests().total()).isZero();
  }

  @Test
  @DisplayName("HEAD of a lookup has the headers and Content-Length of the GET, and no body")
  void head() {
    database.on("/lookup/example.com/m@v1.0.0", Reply.ok(LOOKUP));

    HandlerResponse r = testRequest(HttpMethod.HEAD, sumdb("lookup/example.com/m@v1.0.0"), 200, "");

    assertThat(r.header("Content-Length"))
        .isEqualTo(Integer.toString(LOOKUP.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=600");
    assertThat(r.header("X-Cache")).isEqualTo("MISS");
  }
}
