package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-path fuzzer against a whole mirror (front and sync worker) whose upstream answers
 * at once: real artifacts for a few modules, 404 for anything else; the checksum-database routes
 * and the admin API are on. System properties: {@code fuzz.seed} (default: random, printed),
 * {@code fuzz.requests} (10000), {@code fuzz.threads} (8), {@code fuzz.hang-ms} (10000), {@code
 * fuzz.baseline} (false: when true, first as many warm {@code .info} hits over the same client, the
 * baseline of the throughput ratio). {@code bench/fuzz.sh} runs it with more requests.
 */
@DisplayName("hostile request paths never get a 5xx, a hang or a file outside the data directory")
class HostilePathFuzzTest {
  private static final String TOKEN = "fuzz-admin-token-0123456789";
  private static final String WIDGET = "github.com/!acme/!widget";
  /** Never named by the fuzzer: fetched cold afterwards to prove the upstream is still used. */
  private static final String RESERVED = "example.com/reserved";
  private static final List<String> FUZZED_MODULES = List.of(
      WIDGET, "example.com/m", "example.com/m/v2", "example.com/unknown", "github.com/nobody/x", "gopkg.in/yaml.v3",
      "github.com/Acme/Widget", "github.com/%21acme/%21widget", "a", "example.com", "-x.com/y", "x..y/z");
  /** Where a file may appear inside the data directory: the GOPROXY layout of fuzzed modules and the mirror's own directories. */
  private static final Pattern LAYOUT = Pattern.compile(
      "(\\.meta|\\.tmp|\\.git-cache)(/.*)?"
          + "|sumdb(/sum\\.golang\\.org(/tile(/.*)?)?)?"
          + "|(github\\.com(/!acme(/!widget)?)?|example\\.com(/m|/reserved)?)(/@v(/(list|v[0-9][^/]*\\.(info|mod|zip)))?)?");

  @TempDir Path tmp;
  private Vertx vertx;
  private GoproxyDirServer upstream;
  private ScriptedUpstream database;
  private MirrorHarness mirror;
  private final Map<String, byte[]> fixtures = new TreeMap<>();
  private double baselineRate;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    ModuleFixture fixture = new ModuleFixture(tmp.resolve("upstream"));
    version(fixture, WIDGET, "github.com/Acme/Widget", "v1.0.0");
    version(fixture, WIDGET, "github.com/Acme/Widget", "v1.2.3");
    fixture.write(WIDGET + "/@v/list", "v1.0.0\nv1.2.3\n");
    fixture.write(WIDGET + "/@latest", "{\"Version\":\"v1.2.3\",\"Time\":\"2024-01-02T03:04:05Z\"}");
    version(fixture, "example.com/m", "example.com/m", "v1.0.0");
    fixture.write("example.com/m/@v/list", "v1.0.0\n");
    version(fixture, RESERVED, RESERVED, "v1.0.0");
    upstream = GoproxyDirServer.start(vertx, fixture.root());
    database = ScriptedUpstream.start(vertx);
    database.on("/latest", Reply.ok("go.sum database tree\n9\nroot=\n"));
    mirror = MirrorHarness.startRole(Role.ALL, tmp.resolve("data"), "log:\n  level: warn\n", upstream.baseUrl(),
        "MIRROR_SUMDB_DATABASES", "sum.golang.org=" + database.baseUrl(),
        "MIRROR_ADMIN_TOKEN", TOKEN,
        "MIRROR_UPSTREAM_TIMEOUTS_FIRST_BYTE", "5s");
  }

  private void version(ModuleFixture fixture, String escaped, String module, String version) {
    fixtures.put(escaped + "/@v/" + version + ".zip",
        fixture.version(escaped, module, version, Map.of("go.mod", "module " + module + "\n", "a.go", "package a\n")));
    fixtures.put(escaped + "/@v/" + version + ".mod", ("module " + module + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() {
    if (mirror != null) {
      mirror.close();
    }
    database.close();
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  @DisplayName("seeded mutations of GOPROXY, sumdb, admin and ops paths, odd methods and headers")
  void fuzz() throws IOException {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    int requests = Integer.getInteger("fuzz.requests", 10_000);
    int threads = Integer.getInteger("fuzz.threads", 8);
    int hangMillis = Integer.getInteger("fuzz.hang-ms", 10_000);
    System.out.println("[hostile-fuzz] seed=" + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
    assertThat(mirror.get("/" + WIDGET + "/@v/v1.0.0.zip").statusCode()).isEqualTo(200);
    Map<String, Long> outsideBefore = outsideDataDir();
    HostilePathFuzzer fuzzer = new HostilePathFuzzer(mirror.port(), threads, hangMillis);
    if (Boolean.getBoolean("fuzz.baseline")) {
      HostileRequest hit = new HostileRequest("GET",
          ("/" + WIDGET + "/@v/v1.0.0.info").getBytes(StandardCharsets.US_ASCII), Map.of(), new byte[0]);
      HostilePathFuzzer.Report baseline = fuzzer.run(seed, requests, () -> hit);
      System.out.println("[hostile-fuzz] baseline (warm .info hits): " + baseline.summary());
      baselineRate = baseline.requestsPerSecond();
    }

    HostilePathFuzzer.Report report = fuzzer
        .run(seed, requests, new HostileRequestGenerator(seed, FUZZED_MODULES,
            List.of("sum.golang.org", "sum.example.org", "sum.golang.org.", "..", "%2e%2e", "x"),
            List.of("Bearer " + TOKEN, "Bearer " + TOKEN + "x", "bearer " + TOKEN, "Basic Og==")));
    System.out.println("[hostile-fuzz] " + report.summary());
    if (baselineRate > 0) {
      System.out.printf(Locale.ROOT, "[hostile-fuzz] ratio hostile/baseline req/s = %.2f%n",
          report.requestsPerSecond() / baselineRate);
    }
    report.findings().forEach(f -> System.out.println("[hostile-fuzz] finding: " + f));

    String rerun = " (seed " + seed + "; rerun with -Dfuzz.seed=" + seed + ")";
    assertThat(report.serverErrors()).as("5xx answers" + rerun + ": " + report.findings()).isZero();
    assertThat(report.hangs()).as("hangs" + rerun + ": " + report.findings()).isZero();
    assertThat(report.closedWithoutAnswer()).as("connections closed without an answer" + rerun + ": "
        + report.findings()).isZero();
    assertThat(outsideDataDir()).as("files outside the data directory" + rerun).isEqualTo(outsideBefore);
    assertThat(unexpectedInDataDir()).as("files outside the expected layout" + rerun).isEmpty();
    JsonArray circuits = new JsonObject(new String(mirror.get("/status/upstreams").body(), StandardCharsets.UTF_8))
        .getJsonArray("upstreams");
    for (int i = 0; i < circuits.size(); i++) {
      assertThat(circuits.getJsonObject(i).getString("state")).as("circuit" + rerun).isEqualTo("closed");
      assertThat(circuits.getJsonObject(i).getLong("failures")).as("upstream failures" + rerun).isZero();
    }
    for (Map.Entry<String, byte[]> artifact : fixtures.entrySet()) {
      HttpResponse<byte[]> response = mirror.get("/" + artifact.getKey().replace("!", "%21"));
      assertThat(response.statusCode()).as(artifact.getKey() + rerun).isEqualTo(200);
      assertThat(response.body()).as(artifact.getKey() + rerun).isEqualTo(artifact.getValue());
    }
    assertThat(report.requests()).isEqualTo(requests);
  }

  /** Every path under the data directory's parent, except the data directory's own tree. */
  private Map<String, Long> outsideDataDir() throws IOException {
    Path data = mirror.dataDir();
    Map<String, Long> entries = new TreeMap<>();
    try (Stream<Path> tree = Files.walk(tmp)) {
      for (Path p : (Iterable<Path>) tree::iterator) {
        if (!p.startsWith(data)) {
          entries.put(tmp.relativize(p).toString(), Files.isDirectory(p) ? -1L : Files.size(p));
        }
      }
    }
    return entries;
  }

  /** Paths inside the data directory that the storage layout does not explain. */
  private List<String> unexpectedInDataDir() {
    Path data = mirror.dataDir();
    List<String> unexpected = new ArrayList<>();
    try (Stream<Path> tree = Files.walk(data)) {
      tree.filter(p -> !p.equals(data))
          .map(p -> data.relativize(p).toString().replace('\\', '/'))
          .filter(relative -> !LAYOUT.matcher(relative).matches())
          .forEach(unexpected::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return unexpected;
  }
}
