package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("checksum database proxy (/sumdb/<name>/...)")
class SumdbProxyTest {
  private static final String DB = "/sumdb/sum.golang.org/";
  private static final String LOOKUP = "lookup/github.com/!azure/go-autorest@v0.11.28";
  private static final String LOOKUP_BODY = "1234\ngithub.com/Azure/go-autorest v0.11.28 h1:x=\n"
      + "github.com/Azure/go-autorest v0.11.28/go.mod h1:y=\n\ngo.sum database tree\n5\nroot=\n\n— sum.golang.org sig\n";
  private static final String FULL_TILE = "tile/8/0/x001/234";
  private static final String PARTIAL_TILE = "tile/8/1/005.p/12";

  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream database;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    database = ScriptedUpstream.start(vertx);
  }

  @AfterEach
  void tearDown() {
    database.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private MirrorHarness mirror(String... extraEnv) {
    String[] env = Arrays.copyOf(new String[] {
        "MIRROR_SUMDB_DATABASES", "sum.golang.org=" + database.baseUrl(),
        "MIRROR_PRIVATE", "git.corp.example.com",
        "MIRROR_NOSUMDB", "*.internal.example.org"}, 6 + extraEnv.length);
    System.arraycopy(extraEnv, 0, env, 6, extraEnv.length);
    return MirrorHarness.start(tmp.resolve("data"), "off", env);
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("answers supported with 200 for a proxied database and 404 for any other, without asking it")
  void supported() {
    try (MirrorHarness mirror = mirror()) {
      HttpResponse<byte[]> yes = mirror.get(DB + "supported");
      assertThat(yes.statusCode()).isEqualTo(200);
      assertThat(yes.body()).isEmpty();
      assertThat(mirror.send("HEAD", DB + "supported", Map.of()).statusCode()).isEqualTo(200);
      HttpResponse<byte[]> no = mirror.get("/sumdb/sum.example.org/supported");
      assertThat(no.statusCode()).isEqualTo(404);
      assertThat(text(no)).endsWith("\n").doesNotContain("\n\n").contains("does not proxy");
      assertThat(mirror.get("/sumdb/sum.example.org/lookup/example.com/m@v1.0.0").statusCode()).isEqualTo(404);
      assertThat(database.requests().total()).isZero();
    }
  }

  @Test
  @DisplayName("with sumdb.databases empty, supported is 404 for sum.golang.org too")
  void noneConfigured() {
    try (MirrorHarness mirror = mirror("MIRROR_SUMDB_DATABASES", " ")) {
      assertThat(mirror.get(DB + "supported").statusCode()).isEqualTo(404);
    }
  }

  @Test
  @DisplayName("forwards lookup, tiles and latest with the database's bytes and the reference content types")
  void forwards() {
    byte[] tile = new byte[8192];
    Arrays.fill(tile, (byte) 7);
    database.on("/" + LOOKUP, Reply.ok(LOOKUP_BODY))
        .on("/" + FULL_TILE, Reply.ok(tile, "application/octet-stream"))
        .on("/tile/8/data/x001/234", Reply.ok("records\n\n"))
        .on("/latest", Reply.ok("go.sum database tree\n9\nroot=\n"));
    try (MirrorHarness mirror = mirror()) {
      HttpResponse<byte[]> lookup = mirror.get(DB + LOOKUP.replace("!", "%21"));
      assertThat(lookup.statusCode()).isEqualTo(200);
      assertThat(text(lookup)).isEqualTo(LOOKUP_BODY);
      assertThat(lookup.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
      assertThat(lookup.headers().firstValue("X-Cache")).hasValue("MISS");
      HttpResponse<byte[]> full = mirror.get(DB + FULL_TILE);
      assertThat(full.body()).isEqualTo(tile);
      assertThat(full.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
      assertThat(full.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
      assertThat(text(mirror.get(DB + "tile/8/data/x001/234"))).isEqualTo("records\n\n");
      HttpResponse<byte[]> latest = mirror.get(DB + "latest");
      assertThat(text(latest)).isEqualTo("go.sum database tree\n9\nroot=\n");
      assertThat(latest.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(database.requests().paths())
          .containsExactly("/" + LOOKUP, "/" + FULL_TILE, "/tile/8/data/x001/234", "/latest");
    }
  }

  @Test
  @DisplayName("serves a full tile from memory, then from storage after a restart, with the database down")
  void fullTileForever() {
    byte[] tile = new byte[8192];
    Arrays.fill(tile, (byte) 3);
    database.on("/" + FULL_TILE, Reply.ok(tile, "application/octet-stream"));
    try (MirrorHarness mirror = mirror()) {
      assertThat(mirror.get(DB + FULL_TILE).body()).isEqualTo(tile);
      database.on("/" + FULL_TILE, Reply.of(500, "down"));
      HttpResponse<byte[]> hit = mirror.get(DB + FULL_TILE);
      assertThat(hit.statusCode()).isEqualTo(200);
      assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
      assertThat(hit.body()).isEqualTo(tile);
    }
    assertThat(Files.exists(tmp.resolve("data/sumdb/sum.golang.org/tile/8/0/x001/234"))).isTrue();
    database.close();
    database = ScriptedUpstream.start(vertx);
    try (MirrorHarness mirror = mirror()) {
      HttpResponse<byte[]> stored = mirror.get(DB + FULL_TILE);
      assertThat(stored.statusCode()).isEqualTo(200);
      assertThat(stored.headers().firstValue("X-Cache")).hasValue("HIT");
      assertThat(stored.body()).isEqualTo(tile);
      assertThat(database.requests().total()).isZero();
    }
  }

  @Test
  @DisplayName("serves lookups and partial tiles from cache for their TTL, then asks again, and serves them stale when the database fails")
  void expiringEntries() throws InterruptedException {
    database.on("/" + LOOKUP, Reply.ok(LOOKUP_BODY), Reply.ok(LOOKUP_BODY), Reply.of(503, "busy"))
        .on("/" + PARTIAL_TILE, Reply.ok("partial"), Reply.ok("partial"), Reply.of(502, "bad"));
    try (MirrorHarness mirror = mirror("MIRROR_SUMDB_LOOKUP_TTL", "700ms", "MIRROR_SUMDB_TILE_TTL", "700ms")) {
      for (String path : new String[] {LOOKUP, PARTIAL_TILE}) {
        assertThat(mirror.get(DB + path).headers().firstValue("X-Cache")).as(path).hasValue("MISS");
        assertThat(mirror.get(DB + path).headers().firstValue("X-Cache")).as(path).hasValue("HIT");
        assertThat(database.requests().count("/" + path)).as(path).isEqualTo(1);
      }
      Thread.sleep(900);
      for (String path : new String[] {LOOKUP, PARTIAL_TILE}) {
        assertThat(mirror.get(DB + path).headers().firstValue("X-Cache")).as(path).hasValue("MISS");
        assertThat(database.requests().count("/" + path)).as(path).isEqualTo(2);
      }
      Thread.sleep(900);
      HttpResponse<byte[]> stale = mirror.get(DB + LOOKUP);
      assertThat(stale.statusCode()).isEqualTo(200);
      assertThat(stale.headers().firstValue("X-Cache")).hasValue("STALE");
      assertThat(text(stale)).isEqualTo(LOOKUP_BODY);
      assertThat(mirror.get(DB + PARTIAL_TILE).headers().firstValue("X-Cache")).hasValue("STALE");
      assertThat(database.requests().count("/" + LOOKUP)).isEqualTo(3);
    }
  }

  @Test
  @DisplayName("never caches latest, but serves the last good one when the database is unreachable")
  void latest() {
    database.on("/latest", Reply.ok("tree 1\n"), Reply.ok("tree 2\n"), Reply.of(500, "down"));
    try (MirrorHarness mirror = mirror()) {
      assertThat(text(mirror.get(DB + "latest"))).isEqualTo("tree 1\n");
      assertThat(text(mirror.get(DB + "latest"))).isEqualTo("tree 2\n");
      HttpResponse<byte[]> stale = mirror.get(DB + "latest");
      assertThat(stale.statusCode()).isEqualTo(200);
      assertThat(stale.headers().firstValue("X-Cache")).hasValue("STALE");
      assertThat(text(stale)).isEqualTo("tree 2\n");
      assertThat(database.requests().count("/latest")).isEqualTo(3);
    }
  }

  @Test
  @DisplayName("maps database answers: 404/410 to 404, other failures to 502, never caching them")
  void errors() {
    database.on("/" + PARTIAL_TILE, Reply.notFound())
        .on("/" + LOOKUP, Reply.gone())
        .on("/latest", Reply.of(500, "boom"));
    try (MirrorHarness mirror = mirror()) {
      assertThat(mirror.get(DB + PARTIAL_TILE).statusCode()).isEqualTo(404);
      assertThat(mirror.get(DB + PARTIAL_TILE).statusCode()).isEqualTo(404);
      assertThat(mirror.get(DB + LOOKUP).statusCode()).isEqualTo(404);
      HttpResponse<byte[]> failed = mirror.get(DB + "latest");
      assertThat(failed.statusCode()).isEqualTo(502);
      assertThat(text(failed)).endsWith("\n").doesNotContain("boom");
      assertThat(database.requests().count("/" + PARTIAL_TILE)).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("answers 504 when the database sends no headers in time and 502 when it is unreachable, never 500")
  void unreachable() {
    database.on("/latest", Reply.hang());
    try (MirrorHarness mirror = mirror("MIRROR_UPSTREAM_TIMEOUTS_FIRST_BYTE", "300ms")) {
      HttpResponse<byte[]> timedOut = mirror.get(DB + "latest");
      assertThat(timedOut.statusCode()).isEqualTo(504);
      assertThat(text(timedOut)).endsWith("\n").doesNotContain("\n\n");
      database.close();
      database = ScriptedUpstream.start(vertx);
      database.close();
      HttpResponse<byte[]> refused = mirror.get(DB + FULL_TILE);
      assertThat(refused.statusCode()).isEqualTo(502);
      database = ScriptedUpstream.start(vertx);
    }
  }

  @Test
  @DisplayName("refuses lookups of private and nosumdb modules with 403 naming GONOSUMDB, asking nothing")
  void privateLookups() {
    try (MirrorHarness mirror = mirror()) {
      for (String module : new String[] {"git.corp.example.com/team/repo", "git.internal.example.org/x",
          "git.corp.example.com/!team/!repo/v2"}) {
        HttpResponse<byte[]> refused = mirror.get(DB + "lookup/" + module.replace("!", "%21") + "@v1.0.0");
        assertThat(refused.statusCode()).as(module).isEqualTo(403);
        assertThat(text(refused)).contains("GONOSUMDB").endsWith("\n").doesNotContain("\n\n");
      }
      assertThat(text(mirror.get(DB + "lookup/git.corp.example.com/%21team/%21repo/v2@v2.0.0")))
          .contains("git.corp.example.com/Team/Repo/v2");
      assertThat(database.requests().total()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "tile/8/0/../../latest", "tile/8/0/1234", "tile/8/0/x01/234", "tile/8/0/234.p/0", "tile/8/0/234.p/256",
      "tile/8/0/234.p/", "tile/0/0/234", "tile/8/00/234", "tile/8/0/234/", "tile/8/dat/234", "tile/8/0/%2e%2e",
      "tile", "lookup/example.com/m", "lookup/example.com/m@v1@v2", "lookup/../x@v1.0.0", "lookup/Example.com/m@v1.0.0",
      "lookup/example.com/m@v1.0.0%2f..", "latest/x", "supported/x", "other"})
  @DisplayName("rejects malformed paths with 400 or 404 without asking the database")
  void badPaths(String path) {
    try (MirrorHarness mirror = mirror()) {
      HttpResponse<byte[]> response = mirror.get(DB + path);
      assertThat(response.statusCode()).isIn(400, 404);
      assertThat(database.requests().total()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/sumdb", "/sumdb/", "/sumdb//", "/sumdb/x", "/sumdb/sum.golang.org", "/sumdb/sum.golang.org/",
      "/sumdb/sum.golang.org//", "/sumdb//supported", "/sumdb/sum.golang.org/lookup", "/sumdb/sum.golang.org/lookup/",
      "/sumdb/sum.golang.org/tile", "/sumdb/sum.golang.org/tile/", "/sumdb/sum.golang.org/tile/8",
      "/sumdb/sum.golang.org/tile/8/0", "/sumdb/sum.golang.org/tile/8/0/", "/sumdb/sum.golang.org/tile/8/0/001.p",
      "/sumdb/sum.golang.org/tile/8/0/001.p/", "/sumdb/%73um.golang.org/latest", "/sumdb?x=1", "/sumdb/?x=1"})
  @DisplayName("answers every prefix of a checksum database route with 404, never 500, without asking the database")
  void routePrefixes(String path) {
    try (MirrorHarness mirror = mirror()) {
      HttpResponse<byte[]> response = mirror.get(path);
      assertThat(response.statusCode()).as(path).isIn(400, 404);
      assertThat(database.requests().total()).isZero();
    }
  }

  @Test
  @DisplayName("refuses a lookup whose module path element or version is too long for a file name, or a path over 2048 bytes, with 400, asking nothing")
  void tooLongLookups() {
    try (MirrorHarness mirror = mirror()) {
      assertThat(mirror.get(DB + "lookup/github.com/" + "a".repeat(300) + "@v1.0.0").statusCode()).isEqualTo(400);
      assertThat(mirror.get(DB + "lookup/example.com/m@v1.0.0-" + "a".repeat(300)).statusCode()).isEqualTo(400);
      assertThat(mirror.get(DB + "lookup/example.com/" + "a/".repeat(1100) + "m@v1.0.0").statusCode()).isEqualTo(400);
      assertThat(database.requests().total()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 414})
  @DisplayName("answers 400, not 502, when the database refuses a request as malformed or too long")
  void refusedByTheDatabase(int status) {
    database.on("/lookup/example.com/m@v1.0.0", Reply.of(status, "bad request\n"));
    try (MirrorHarness mirror = mirror()) {
      HttpResponse<byte[]> response = mirror.get(DB + "lookup/example.com/m@v1.0.0");
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(text(response)).contains("refused the request with status " + status);
    }
  }
}
