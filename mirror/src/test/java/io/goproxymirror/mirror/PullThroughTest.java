package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.modzip.DirHash;
import io.goproxymirror.mirror.modzip.ModuleZipVerifier;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("pull-through from upstream proxies")
class PullThroughTest {
  private static final String MODULE = "github.com/Acme/Widget";
  private static final String ESCAPED = "github.com/!acme/!widget";

  @TempDir Path tmp;
  private Vertx vertx;
  private GoproxyDirServer upstream;
  private ModuleFixture fixture;
  private byte[] zip;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    Path tree = tmp.resolve("upstream");
    fixture = new ModuleFixture(tree);
    zip = fixture.version(ESCAPED, MODULE, "v1.2.0", Map.of(
        "go.mod", "module github.com/Acme/Widget\n\ngo 1.21\n",
        "widget.go", "package widget\n"));
    fixture.version(ESCAPED, MODULE, "v1.10.0", Map.of("go.mod", "module github.com/Acme/Widget\n", "w.go", "package widget\n"));
    fixture.write(ESCAPED + "/@v/list", "v1.10.0\nv1.2.0\nv1.3.0-0.20240101000000-abcdefabcdef\n");
    fixture.write(ESCAPED + "/@latest", "{\"Version\":\"v1.10.0\",\"Time\":\"2024-01-02T03:04:05Z\"}");
    upstream = GoproxyDirServer.start(vertx, tree);
  }

  @AfterEach
  void tearDown() {
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  @DisplayName("serves a miss from the upstream, then the same bytes as a hit without contacting it")
  void missThenHit() throws Exception {
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl())) {
      for (String ext : new String[] {"info", "mod", "zip"}) {
        String path = "/" + ESCAPED.replace("!", "%21") + "/@v/v1.2.0." + ext;
        HttpResponse<byte[]> first = mirror.get(path);
        assertThat(first.statusCode()).as(ext).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Cache")).as(ext).hasValue("MISS");
        HttpResponse<byte[]> second = mirror.get(path);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Cache")).as(ext).hasValue("HIT");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(second.headers().firstValue("ETag")).isPresent();
        assertThat(second.headers().firstValue("Content-Length")).hasValue(Integer.toString(second.body().length));
        assertThat(upstream.requests().count("/" + ESCAPED + "/@v/v1.2.0." + ext)).as(ext).isEqualTo(1);
      }
      HttpResponse<byte[]> zipHit = mirror.get("/" + ESCAPED + "/@v/v1.2.0.zip");
      assertThat(zipHit.body()).isEqualTo(zip);
      assertThat(zipHit.headers().firstValue("Content-Type")).hasValue("application/zip");
      assertThat(mirror.get("/" + ESCAPED + "/@v/v1.2.0.info").headers().firstValue("Content-Type"))
          .hasValue("application/json");
      assertThat(mirror.get("/" + ESCAPED + "/@v/v1.2.0.mod").headers().firstValue("Content-Type"))
          .hasValue("text/plain; charset=utf-8");
    }
  }

  @Test
  @DisplayName("lays the data directory out as a GOPROXY tree with the zip's version in its list file")
  void dataDirectoryIsAGoproxyTree() throws Exception {
    Path data = tmp.resolve("data");
    try (MirrorHarness mirror = MirrorHarness.start(data, upstream.baseUrl())) {
      mirror.get("/" + ESCAPED + "/@v/v1.2.0.info");
      mirror.get("/" + ESCAPED + "/@v/v1.2.0.mod");
      mirror.get("/" + ESCAPED + "/@v/v1.2.0.zip");
    }
    assertThat(Files.readAllBytes(data.resolve(ESCAPED + "/@v/v1.2.0.zip"))).isEqualTo(zip);
    assertThat(Files.readString(data.resolve(ESCAPED + "/@v/v1.2.0.mod"))).isEqualTo("module github.com/Acme/Widget\n\ngo 1.21\n");
    assertThat(Files.readString(data.resolve(ESCAPED + "/@v/list"))).isEqualTo("v1.2.0\n");
    assertThat(ModuleZipVerifier.verify(data.resolve(ESCAPED + "/@v/v1.2.0.zip"), MODULE, "v1.2.0").h1())
        .startsWith("h1:");
  }

  @Test
  @DisplayName("keeps serving stored artifacts after a restart with every upstream gone")
  void immutableAcrossRestart() throws Exception {
    Path data = tmp.resolve("data");
    byte[] mod;
    try (MirrorHarness mirror = MirrorHarness.start(data, upstream.baseUrl())) {
      mod = mirror.get("/" + ESCAPED + "/@v/v1.2.0.mod").body();
      mirror.get("/" + ESCAPED + "/@v/v1.2.0.zip");
    }
    upstream.close();
    try (MirrorHarness mirror = MirrorHarness.start(data, "http://127.0.0.1:1")) {
      HttpResponse<byte[]> again = mirror.get("/" + ESCAPED + "/@v/v1.2.0.mod");
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.headers().firstValue("X-Cache")).hasValue("HIT");
      assertThat(again.body()).isEqualTo(mod);
      assertThat(DirHash.goModHash(again.body())).isEqualTo(DirHash.goModHash(mod));
      HttpResponse<byte[]> zipAgain = mirror.get("/" + ESCAPED + "/@v/v1.2.0.zip");
      assertThat(zipAgain.headers().firstValue("X-Cache")).hasValue("HIT");
      assertThat(zipAgain.body()).isEqualTo(zip);
    }
  }

  @Test
  @DisplayName("rebuilds lost metadata from stored blobs (verified again) and cleans crash leftovers at start")
  void recoversFromLostMetadataAndLeftovers() throws Exception {
    Path data = tmp.resolve("data");
    try (MirrorHarness mirror = MirrorHarness.start(data, upstream.baseUrl())) {
      mirror.get("/" + ESCAPED + "/@v/v1.2.0.mod");
      mirror.get("/" + ESCAPED + "/@v/v1.2.0.zip");
    }
    upstream.close();
    deleteTree(data.resolve(".meta"));
    Files.createDirectories(data.resolve(".tmp"));
    Files.writeString(data.resolve(".tmp/stage-crashed.part"), "PK partial");
    try (MirrorHarness mirror = MirrorHarness.start(data, "http://127.0.0.1:1")) {
      assertThat(Files.list(data.resolve(".tmp")).count()).isZero();
      HttpResponse<byte[]> zipAgain = mirror.get("/" + ESCAPED + "/@v/v1.2.0.zip");
      assertThat(zipAgain.statusCode()).isEqualTo(200);
      assertThat(zipAgain.headers().firstValue("X-Cache")).hasValue("HIT");
      assertThat(zipAgain.body()).isEqualTo(zip);
      HttpResponse<byte[]> mod = mirror.get("/" + ESCAPED + "/@v/v1.2.0.mod");
      assertThat(mod.headers().firstValue("X-Cache")).hasValue("HIT");
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  @DisplayName("merges the upstream list with stored versions, semver-sorted, without pseudo-versions")
  void listMerge() {
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl())) {
      HttpResponse<byte[]> list = mirror.get("/" + ESCAPED + "/@v/list");
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.headers().firstValue("X-Cache")).hasValue("MISS");
      assertThat(new String(list.body(), StandardCharsets.UTF_8)).isEqualTo("v1.2.0\nv1.10.0\n");
      assertThat(list.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
      HttpResponse<byte[]> again = mirror.get("/" + ESCAPED + "/@v/list");
      assertThat(again.headers().firstValue("X-Cache")).hasValue("HIT");
      assertThat(upstream.requests().count("/" + ESCAPED + "/@v/list")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("passes @latest and query .info through and caches them briefly")
  void latestAndQuery() {
    fixture.write(ESCAPED + "/@v/main.info", "{\"Version\":\"v1.10.1-0.20240301000000-0123456789ab\",\"Time\":\"2024-03-01T00:00:00Z\"}");
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl())) {
      HttpResponse<byte[]> latest = mirror.get("/" + ESCAPED + "/@latest");
      assertThat(latest.statusCode()).isEqualTo(200);
      assertThat(new String(latest.body(), StandardCharsets.UTF_8)).contains("\"v1.10.0\"");
      assertThat(latest.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
      HttpResponse<byte[]> query = mirror.get("/" + ESCAPED + "/@v/main.info");
      assertThat(query.statusCode()).isEqualTo(200);
      assertThat(query.headers().firstValue("X-Cache")).hasValue("MISS");
      assertThat(mirror.get("/" + ESCAPED + "/@v/main.info").headers().firstValue("X-Cache")).hasValue("HIT");
      assertThat(upstream.requests().count("/" + ESCAPED + "/@v/main.info")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("remembers not-found answers for the negative TTL")
  void negativeCache() {
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl())) {
      HttpResponse<byte[]> first = mirror.get("/example.com/nothing/@v/v1.0.0.info");
      assertThat(first.statusCode()).isEqualTo(404);
      assertThat(first.headers().firstValue("X-Cache")).hasValue("MISS");
      HttpResponse<byte[]> second = mirror.get("/example.com/nothing/@v/v1.0.0.info");
      assertThat(second.statusCode()).isEqualTo(404);
      assertThat(second.headers().firstValue("X-Cache")).hasValue("HIT");
      assertThat(second.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
      assertThat(upstream.requests().count("/example.com/nothing/@v/v1.0.0.info")).isEqualTo(1);
      assertThat(new String(second.body(), StandardCharsets.UTF_8)).endsWith("\n").doesNotContain("\n\n");
    }
  }

  @Test
  @DisplayName("asks again once the negative TTL has passed")
  void negativeExpires() throws Exception {
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl(),
        "MIRROR_CACHE_NEGATIVE_TTL", "300ms")) {
      assertThat(mirror.get("/example.com/later/@v/v1.0.0.mod").statusCode()).isEqualTo(404);
      fixture.write("example.com/later/@v/v1.0.0.mod", "module example.com/later\n");
      Thread.sleep(400);
      HttpResponse<byte[]> now = mirror.get("/example.com/later/@v/v1.0.0.mod");
      assertThat(now.statusCode()).isEqualTo(200);
      assertThat(now.headers().firstValue("X-Cache")).hasValue("MISS");
    }
  }

  @Test
  @DisplayName("answers HEAD with the headers of GET and no body, and 304 for a matching If-None-Match")
  void headAndConditional() {
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl())) {
      String path = "/" + ESCAPED + "/@v/v1.2.0.zip";
      assertThat(mirror.get(path).headers().firstValue("X-Cache")).hasValue("MISS");
      HttpResponse<byte[]> get = mirror.get(path);
      HttpResponse<byte[]> head = mirror.send("HEAD", path, Map.of());
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(get.body().length));
      assertThat(head.headers().firstValue("X-Cache")).hasValue("HIT");
      String etag = get.headers().firstValue("ETag").orElseThrow();
      HttpResponse<byte[]> conditional = mirror.send("GET", path, Map.of("If-None-Match", etag));
      assertThat(conditional.statusCode()).isEqualTo(304);
      assertThat(conditional.body()).isEmpty();
    }
  }

  @Test
  @DisplayName("with ',' falls through to the next upstream on 404 and 410 only")
  void commaFallThrough() {
    try (ScriptedUpstream first = ScriptedUpstream.start(vertx)) {
      first.on("/" + ESCAPED + "/@v/v1.2.0.mod", Reply.gone());
      first.on("/" + ESCAPED + "/@v/v1.10.0.mod", Reply.of(500, "boom"));
      try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), first.baseUrl() + "," + upstream.baseUrl())) {
        HttpResponse<byte[]> fellThrough = mirror.get("/" + ESCAPED + "/@v/v1.2.0.mod");
        assertThat(fellThrough.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> stopped = mirror.get("/" + ESCAPED + "/@v/v1.10.0.mod");
        assertThat(stopped.statusCode()).isEqualTo(502);
        assertThat(new String(stopped.body(), StandardCharsets.UTF_8)).contains("500");
        assertThat(upstream.requests().count("/" + ESCAPED + "/@v/v1.10.0.mod")).isZero();
        HttpResponse<byte[]> notFound = mirror.get("/" + ESCAPED + "/@v/v1.9.9.mod");
        assertThat(notFound.statusCode()).isEqualTo(404);
      }
    }
  }

  @Test
  @DisplayName("with '|' falls through on any error")
  void pipeFallThrough() {
    try (ScriptedUpstream first = ScriptedUpstream.start(vertx)) {
      first.on("/" + ESCAPED + "/@v/v1.10.0.mod", Reply.of(500, "boom"));
      try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), first.baseUrl() + "|" + upstream.baseUrl())) {
        assertThat(mirror.get("/" + ESCAPED + "/@v/v1.10.0.mod").statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  @DisplayName("serves list, @latest and a query .info as STALE when every upstream fails after the TTL")
  void staleWhenUpstreamFails() throws Exception {
    try (ScriptedUpstream flaky = ScriptedUpstream.start(vertx)) {
      flaky.on("/" + ESCAPED + "/@v/list", Reply.ok("v1.0.0\n"), Reply.of(500, "down"));
      flaky.on("/" + ESCAPED + "/@latest", Reply.json("{\"Version\":\"v1.0.0\"}"), Reply.of(503, "down"));
      flaky.on("/" + ESCAPED + "/@v/main.info",
          Reply.json("{\"Version\":\"v1.0.1-0.20240101000000-abcdefabcdef\",\"Time\":\"2024-01-01T00:00:00Z\"}"),
          Reply.resetBeforeHeaders());
      try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), flaky.baseUrl(),
          "MIRROR_CACHE_LIST_TTL", "200ms")) {
        assertThat(mirror.get("/" + ESCAPED + "/@v/list").headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(mirror.get("/" + ESCAPED + "/@latest").headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(mirror.get("/" + ESCAPED + "/@v/main.info").headers().firstValue("X-Cache")).hasValue("MISS");
        Thread.sleep(300);
        for (int i = 0; i < 3; i++) {
          HttpResponse<byte[]> list = mirror.get("/" + ESCAPED + "/@v/list");
          assertThat(list.statusCode()).isEqualTo(200);
          assertThat(list.headers().firstValue("X-Cache")).hasValue("STALE");
          assertThat(new String(list.body(), StandardCharsets.UTF_8)).isEqualTo("v1.0.0\n");
          HttpResponse<byte[]> latest = mirror.get("/" + ESCAPED + "/@latest");
          assertThat(latest.statusCode()).isEqualTo(200);
          assertThat(latest.headers().firstValue("X-Cache")).hasValue("STALE");
          HttpResponse<byte[]> query = mirror.get("/" + ESCAPED + "/@v/main.info");
          assertThat(query.statusCode()).isEqualTo(200);
          assertThat(query.headers().firstValue("X-Cache")).hasValue("STALE");
          assertThat(new String(query.body(), StandardCharsets.UTF_8)).contains("v1.0.1-0.20240101000000-abcdefabcdef");
          Thread.sleep(50);
        }
        assertThat(flaky.requests().count("/" + ESCAPED + "/@v/list")).isGreaterThanOrEqualTo(2);
      }
    }
  }

  @Test
  @DisplayName("refreshes an expired list in the background and serves the new one afterwards")
  void refreshInBackground() throws Exception {
    try (ScriptedUpstream moving = ScriptedUpstream.start(vertx)) {
      moving.on("/" + ESCAPED + "/@v/list", Reply.ok("v1.0.0\n"), Reply.ok("v1.0.0\nv1.1.0\n"));
      try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), moving.baseUrl(),
          "MIRROR_CACHE_LIST_TTL", "200ms")) {
        mirror.get("/" + ESCAPED + "/@v/list");
        Thread.sleep(300);
        HttpResponse<byte[]> stale = mirror.get("/" + ESCAPED + "/@v/list");
        assertThat(stale.headers().firstValue("X-Cache")).hasValue("STALE");
        assertThat(new String(stale.body(), StandardCharsets.UTF_8)).isEqualTo("v1.0.0\n");
        long deadline = System.currentTimeMillis() + 5000;
        String body = "";
        while (System.currentTimeMillis() < deadline && !body.contains("v1.1.0")) {
          Thread.sleep(20);
          body = new String(mirror.get("/" + ESCAPED + "/@v/list").body(), StandardCharsets.UTF_8);
        }
        assertThat(body).isEqualTo("v1.0.0\nv1.1.0\n");
      }
    }
  }

  @Test
  @DisplayName("exposes /healthz and Prometheus /metrics with request and upstream meters")
  void opsEndpoints() {
    try (MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl())) {
      assertThat(mirror.get("/healthz").statusCode()).isEqualTo(200);
      mirror.get("/" + ESCAPED + "/@v/v1.2.0.info");
      mirror.get("/" + ESCAPED + "/@v/v1.2.0.info");
      String metrics = new String(mirror.get("/metrics").body(), StandardCharsets.UTF_8);
      assertThat(metrics)
          .contains("goproxy_mirror_requests_total{cache=\"HIT\",endpoint=\"info\",status=\"200\"} 1.0")
          .contains("goproxy_mirror_requests_total{cache=\"MISS\",endpoint=\"info\",status=\"200\"} 1.0")
          .contains("goproxy_mirror_upstream_fetch_seconds_count{endpoint=\"info\",result=\"ok\"")
          .doesNotContain("Widget");
    }
  }
}
