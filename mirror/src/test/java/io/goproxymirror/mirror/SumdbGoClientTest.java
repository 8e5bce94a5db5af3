package io.goproxymirror.mirror;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.DownloadResult;
import io.goproxymirror.mirror.testkit.GitHttpServer;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.goproxymirror.mirror.testkit.GoClient;
import io.goproxymirror.mirror.testkit.GoCommand;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.ProcessResult;
import io.goproxymirror.mirror.testkit.RequiredTools;
import io.goproxymirror.mirror.testkit.TestChecksumDatabase;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real go command verifying downloads against a real checksum database (TestChecksumDatabase)
 * reached through the mirror. The database's records hold the hashes the go command itself
 * computed when it downloaded the modules straight from the upstream with GOSUMDB=off.
 */
@DisplayName("the go command verifies downloads against a checksum database proxied by the mirror")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SumdbGoClientTest {
  private static final String DB_NAME = "sum.test.example";
  private static final String HELLO = "example.com/sumdb/hello";
  private static final String WORLD = "example.com/sumdb/World";
  private static final String TAMPERED = "example.com/sumdb/tampered";
  private static final String LATER = "example.com/sumdb/later";
  private static final String PRIVATE = "github.com/privcorp/lib";
  private static final String WRONG_HASH = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  private Path tmp;
  private Vertx vertx;
  private GoproxyDirServer upstream;
  private final Map<String, DownloadResult> golden = new HashMap<>();
  private final AtomicInteger runs = new AtomicInteger();
  private TestChecksumDatabase database;

  @BeforeAll
  void modulesAndTheirHashes(@TempDir Path dir) {
    tmp = dir;
    RequiredTools.go();
    ModuleFixture fixture = new ModuleFixture(tmp.resolve("upstream"));
    fixture.version(HELLO, HELLO, "v1.0.0", Map.of("go.mod", "module " + HELLO + "\n\ngo 1.19\n",
        "hello.go", "package hello\n\nconst Greeting = \"hello\"\n"));
    fixture.version("example.com/sumdb/!world", WORLD, "v1.1.0", Map.of("go.mod", "module " + WORLD + "\n",
        "world.go", "package world\n"));
    fixture.version(TAMPERED, TAMPERED, "v1.0.0", Map.of("go.mod", "module " + TAMPERED + "\n", "t.go", "package t\n"));
    fixture.version(LATER, LATER, "v0.2.0", Map.of("go.mod", "module " + LATER + "\n", "l.go", "package later\n"));
    vertx = Vertx.vertx();
    upstream = GoproxyDirServer.start(vertx, tmp.resolve("upstream"));
    GoClient direct = new GoClient(tmp.resolve("golden"), upstream.baseUrl());
    for (String[] m : new String[][] {{HELLO, "v1.0.0"}, {WORLD, "v1.1.0"}, {TAMPERED, "v1.0.0"}, {LATER, "v0.2.0"}}) {
      golden.put(m[0], direct.download(m[0], m[1]));
    }
  }

  @AfterAll
  void stopUpstream() {
    if (upstream != null) {
      upstream.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  @BeforeEach
  void startDatabase() {
    database = TestChecksumDatabase.start(vertx, DB_NAME);
  }

  @AfterEach
  void stopDatabase() {
    database.close();
  }

  /** Adds the go command's own hashes of {@code module@version} to the database. */
  private void addGolden(String module, String version) {
    DownloadResult hashes = golden.get(module);
    database.add(module, version, hashes.sum(), hashes.goModSum());
  }

  private MirrorHarness mirror(String name, String... env) {
    String[] all = new String[env.length + 2];
    all[0] = "MIRROR_SUMDB_DATABASES";
    all[1] = DB_NAME + "=" + database.baseUrl();
    System.arraycopy(env, 0, all, 2, env.length);
    return MirrorHarness.start(tmp.resolve(name), upstream.baseUrl(), all);
  }

  /** A go command with a fresh GOPATH, module cache and build cache, GOPROXY the mirror. */
  private GoCommand go(MirrorHarness mirror, String gosumdb) {
    return GoCommand.in(tmp.resolve("go-" + runs.incrementAndGet()))
        .withGoproxy(mirror.baseUrl())
        .withEnv("GOSUMDB", gosumdb);
  }

  private String viaMirror(MirrorHarness mirror) {
    return database.verifierKey() + " " + mirror.baseUrl() + "/sumdb/" + DB_NAME;
  }

  private static DownloadResult download(GoCommand go, String module, String version) {
    Path cwd;
    try {
      cwd = Files.createDirectories(go.workDir().resolve("cwd"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long start = System.nanoTime();
    DownloadResult result = go.modDownload(cwd, module, version);
    System.out.printf("go mod download %s@%s: %d ms%n", module, version, (System.nanoTime() - start) / 1_000_000);
    return result;
  }

  @Test
  @DisplayName("go get with GOSUMDB=<key> <mirror>/sumdb/<name> writes the database's go.sum lines, asked through the mirror")
  void goGetThroughTheMirror() throws IOException {
    addGolden(WORLD, "v1.1.0");
    addGolden(HELLO, "v1.0.0");
    try (MirrorHarness mirror = mirror("data-get")) {
      GoCommand go = go(mirror, viaMirror(mirror));
      Path module = Files.createDirectories(go.workDir().resolve("consumer"));
      Files.writeString(module.resolve("go.mod"), "module example.com/consumer\n\ngo 1.19\n");
      ProcessResult get = go.run(module, "get", HELLO + "@v1.0.0");
      assertThat(get.succeeded()).as(get.describe()).isTrue();
      String goSum = Files.readString(module.resolve("go.sum"), StandardCharsets.UTF_8);
      assertThat(goSum).isEqualTo(database.record(HELLO, "v1.0.0").orElseThrow());

      assertThat(database.requests().paths())
          .contains("/lookup/" + HELLO + "@v1.0.0", "/tile/8/0/000.p/2")
          .noneMatch(p -> p.contains("!world"));
      assertThat(Files.isRegularFile(go.modCache().resolve(
          "cache/download/sumdb/" + DB_NAME + "/lookup/" + HELLO + "@v1.0.0"))).isTrue();
      String metrics = new String(mirror.get("/metrics").body(), StandardCharsets.UTF_8);
      assertThat(metrics).contains("endpoint=\"sumdb_lookup\"").contains("endpoint=\"sumdb_partial_tile\"");
    }
  }

  @Test
  @DisplayName("GOSUMDB=<key> without a URL finds the database through the proxy's /sumdb/<name>/supported")
  void discoveredThroughTheProxy() {
    addGolden(HELLO, "v1.0.0");
    addGolden(WORLD, "v1.1.0");
    try (MirrorHarness mirror = mirror("data-discover")) {
      GoCommand go = go(mirror, database.verifierKey());
      DownloadResult world = download(go, WORLD, "v1.1.0").requireOk();
      assertThat(world.sum()).isEqualTo(golden.get(WORLD).sum());
      assertThat(database.requests().paths()).contains("/lookup/example.com/sumdb/!world@v1.1.0");
      assertThat(go.modCache().resolve("cache/download/sumdb/" + DB_NAME + "/lookup")).isDirectory();
    }
  }

  @Test
  @DisplayName("a database record with a wrong hash makes the go command fail with its SECURITY ERROR")
  void wrongHashIsRejected() {
    database.add(TAMPERED, "v1.0.0", WRONG_HASH, golden.get(TAMPERED).goModSum());
    try (MirrorHarness mirror = mirror("data-wrong")) {
      DownloadResult result = download(go(mirror, viaMirror(mirror)), TAMPERED, "v1.0.0");
      assertThat(result.ok()).isFalse();
      String output = result.error() + "\n" + result.process().stderr();
      System.out.println("go with a wrong database record:\n" + output);
      assertThat(output).contains("SECURITY ERROR").contains("checksum mismatch").contains(WRONG_HASH);
      assertThat(database.requests().paths()).contains("/lookup/" + TAMPERED + "@v1.0.0");
    }
  }

  @Test
  @DisplayName("with the database stopped, a fresh go client still verifies through the mirror's cache; after a restart new records are found")
  void databaseDown() {
    addGolden(HELLO, "v1.0.0");
    addGolden(WORLD, "v1.1.0");
    try (MirrorHarness mirror = mirror("data-down", "MIRROR_SUMDB_LOOKUP_TTL", "1ms", "MIRROR_SUMDB_TILE_TTL", "1ms")) {
      download(go(mirror, viaMirror(mirror)), HELLO, "v1.0.0").requireOk();
      assertThat(database.requests().total()).isPositive();
      database.stop();
      database.requests().clear();
      DownloadResult cached = download(go(mirror, viaMirror(mirror)), HELLO, "v1.0.0").requireOk();
      assertThat(cached.sum()).isEqualTo(golden.get(HELLO).sum());
      String metrics = new String(mirror.get("/metrics").body(), StandardCharsets.UTF_8);
      assertThat(metrics)
          .containsPattern("goproxy_mirror_requests_total\\{cache=\"STALE\",endpoint=\"sumdb_lookup\",status=\"200\"")
          .containsPattern("goproxy_mirror_requests_total\\{cache=\"STALE\",endpoint=\"sumdb_partial_tile\",status=\"200\"");
      assertThat(database.requests().total()).isZero();

      DownloadResult unknown = download(go(mirror, viaMirror(mirror)), WORLD, "v1.1.0");
      assertThat(unknown.ok()).as("a lookup never cached cannot be verified while the database is down").isFalse();

      database.restart();
      addGolden(LATER, "v0.2.0");
      DownloadResult later = download(go(mirror, viaMirror(mirror)), LATER, "v0.2.0").requireOk();
      assertThat(later.goModSum()).isEqualTo(golden.get(LATER).goModSum());
      assertThat(database.requests().paths()).contains("/lookup/" + LATER + "@v0.2.0");
    }
  }

  @Test
  @DisplayName("a private module: 403 naming GONOSUMDB without GONOSUMDB, success with it, and the database never hears of it")
  void privateModule() {
    try (GitRepoBuilder repo = GitRepoBuilder.createBare(tmp.resolve("repos/" + PRIVATE));
        GitHttpServer git = GitHttpServer.start(tmp.resolve("repos"))) {
      repo.commit(Instant.parse("2024-02-03T04:05:06Z"),
          files("go.mod", "module " + PRIVATE + "\n", "lib.go", "package lib\n")).tag("v0.1.0");
      addGolden(HELLO, "v1.0.0");
      String yaml = """
          private: "github.com/privcorp/*"
          git:
            rewrites:
              - from: "https://github.com/privcorp/"
                to: "%sgithub.com/privcorp/"
          """.formatted(git.baseUrl());
      try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("data-private"), yaml, upstream.baseUrl(),
          "MIRROR_SUMDB_DATABASES", DB_NAME + "=" + database.baseUrl())) {
        DownloadResult refused = download(go(mirror, viaMirror(mirror)), PRIVATE, "v0.1.0");
        assertThat(refused.ok()).isFalse();
        String output = refused.error() + "\n" + refused.process().stderr();
        System.out.println("go without GONOSUMDB:\n" + output);
        assertThat(output).contains("403").contains("add it to GONOSUMDB");

        DownloadResult allowed = download(go(mirror, viaMirror(mirror)).withEnv("GONOSUMDB", "github.com/privcorp"),
            PRIVATE, "v0.1.0").requireOk();
        assertThat(allowed.sum()).startsWith("h1:");
        download(go(mirror, viaMirror(mirror)), HELLO, "v1.0.0").requireOk();
        assertThat(database.requests().paths()).isNotEmpty().noneMatch(p -> p.contains("privcorp"));
      }
    }
  }
}
