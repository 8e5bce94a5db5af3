package io.goproxymirror.mirror;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.GitHttpServer;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.IndexFeedServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("sync worker: index feed, watch list, private tag polling, expansion")
@Timeout(120)
class SyncWorkerTest {
  static final String TOKEN = "test-admin-token-0123456789";
  private static final Instant T1 = Instant.parse("2024-05-06T07:08:09Z");
  private static final Duration POLL = Duration.ofSeconds(1);

  @TempDir Path tmp;
  private Vertx vertx;
  private ModuleFixture modules;
  private GoproxyDirServer upstream;
  private IndexFeedServer feed;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    modules = new ModuleFixture(tmp.resolve("upstream"));
    upstream = GoproxyDirServer.start(vertx, tmp.resolve("upstream"));
    feed = IndexFeedServer.start(vertx, 2);
  }

  @AfterEach
  void stop() {
    feed.close();
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /** Writes a version and the module's list; {@code requires} are go.mod require lines. */
  static void publish(ModuleFixture modules, String module, String version, String... requires) {
    publishUnlisted(modules, module, version, requires);
    Path list = modules.root().resolve(module + "/@v/list");
    try {
      String before = Files.exists(list) ? Files.readString(list) : "";
      modules.write(module + "/@v/list", before + version + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a version that the module's list does not name (as a version only the index feed knows
   * of): a watch-list poll cannot find it, only the feed.
   */
  static void publishUnlisted(ModuleFixture modules, String module, String version, String... requires) {
    StringBuilder goMod = new StringBuilder("module " + module + "\n\ngo 1.19\n");
    if (requires.length > 0) {
      goMod.append("\nrequire (\n");
      for (String require : requires) {
        goMod.append('\t').append(require).append('\n');
      }
      goMod.append(")\n");
    }
    String name = module.substring(module.lastIndexOf('/') + 1);
    modules.version(module, module, version, Map.of("go.mod", goMod.toString(),
        name + ".go", "package " + name.replace('-', '_') + "\n"));
  }

  private Path watchList(String yaml) {
    Path file = tmp.resolve("watchlist.yaml");
    try {
      Path next = tmp.resolve("watchlist.yaml.next");
      Files.writeString(next, yaml);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private String config(Path watchList, String extra) {
    return """
        sync:
          watchlist: "%s"
          watchlist-check: 200ms
          index:
            url: "%s"
            poll-interval: %dms
            since: "2024-01-01T00:00:00Z"
          queue:
            backoff: 200ms
        admin:
          token: "%s"
        %s""".formatted(watchList, feed.url(), POLL.toMillis(), TOKEN, extra);
  }

  private MirrorHarness mirror(String name, String yaml) {
    return MirrorHarness.startRole(Role.ALL, tmp.resolve(name), yaml, upstream.baseUrl());
  }

  /** Waits until {@code condition} holds, at most {@code bound} (a bound the issue sets, or a generous one). */
  static void within(Duration bound, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private boolean zipFetched(String module, String version) {
    return upstream.requests().count("/" + module + "/@v/" + version + ".zip") > 0;
  }

  static boolean stored(MirrorHarness mirror, String module, String version) {
    return Files.exists(mirror.dataDir().resolve(module + "/@v/" + version + ".zip"));
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** The value of metric {@code name} on the line that also holds {@code label} (may be empty); 0 when absent. */
  static double metric(MirrorHarness mirror, String name, String label) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.Ee+-]+)$")
        .matcher(text(mirror.get("/metrics")));
    while (m.find()) {
      if (label.isEmpty() || (m.group(1) != null && m.group(1).contains(label))) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }

  static JsonObject admin(MirrorHarness mirror, String path) {
    HttpResponse<byte[]> response = mirror.send("GET", path, Map.of("Authorization", "Bearer " + TOKEN));
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    return new JsonObject(text(response));
  }

  @Test
  @DisplayName("a feed version the watch list wants is stored within the poll interval plus 2 s and its first"
      + " client request is a HIT; versions and modules it does not want are never fetched")
  void feedVersionPrefetched() {
    publish(modules, "example.com/watched", "v1.0.0");
    publishUnlisted(modules, "example.com/watched", "v1.1.0");
    publishUnlisted(modules, "example.com/other", "v1.0.0");
    Path list = watchList("""
        modules:
          - path: example.com/watched
            versions: ">= v1.1.0"
        """);
    try (MirrorHarness mirror = mirror("data", config(list, ""))) {
      String ts = "2024-05-06T07:08:09.123456Z";
      long added = System.nanoTime();
      feed.add("example.com/watched", "v1.0.0", "2024-05-06T07:08:08Z")
          .add("example.com/other", "v1.0.0", ts)
          .add("example.com/watched", "v1.1.0", ts);

      within(POLL.plusSeconds(2), "watched v1.1.0 stored", () -> stored(mirror, "example.com/watched", "v1.1.0"));
      System.out.printf("feed entry to stored: %d ms%n", Duration.ofNanos(System.nanoTime() - added).toMillis());

      for (String ext : new String[] {".info", ".mod", ".zip"}) {
        HttpResponse<byte[]> hit = mirror.get("/example.com/watched/@v/v1.1.0" + ext);
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.headers().firstValue("X-Cache")).as(ext).contains("HIT");
      }
      within(Duration.ofSeconds(10), "the feed read to its end", () -> feed.sinces().size() >= 3);
      assertThat(upstream.requests().count("/example.com/watched/@v/v1.1.0.zip")).isEqualTo(1);
      assertThat(zipFetched("example.com/watched", "v1.0.0")).isFalse();
      assertThat(upstream.requests().paths()).noneMatch(p -> p.startsWith("/example.com/other/"));
      assertThat(metric(mirror, "goproxy_mirror_cold_miss_ratio", "")).isZero();
      JsonObject sync = admin(mirror, "/admin/sync");
      assertThat(sync.getBoolean("leader")).isTrue();
      assertThat(sync.getJsonObject("index").getString("cursor")).isEqualTo(ts);
    }
  }

  @Test
  @DisplayName("the cursor survives a restart: entries at the cursor's timestamp and later are fetched once,"
      + " and nothing before it is handed on again")
  void cursorSurvivesRestart() {
    publishUnlisted(modules, "example.com/a", "v1.0.0");
    publishUnlisted(modules, "example.com/b", "v1.0.0");
    publishUnlisted(modules, "example.com/c", "v1.0.0");
    Path list = watchList("""
        modules:
          - path: example.com/*
            versions: all
        """);
    String yaml = config(list, "");
    String t1 = "2024-05-06T07:08:09Z";
    feed.add("example.com/a", "v1.0.0", t1);
    try (MirrorHarness first = mirror("data", yaml)) {
      // The zip appears before its prefetch is finished (recorded, listed, removed from the queue):
      // wait for the prefetch itself, or a stop in between would hand it on again after the restart.
      within(Duration.ofSeconds(10), "a stored", () -> stored(first, "example.com/a", "v1.0.0")
          && metric(first, "goproxy_mirror_sync_prefetches_total", "result=\"stored\"") == 1);
    }
    feed.add("example.com/b", "v1.0.0", t1).add("example.com/c", "v1.0.0", "2024-05-06T07:08:10Z");
    int sincesBefore = feed.sinces().size();
    try (MirrorHarness second = mirror("data", yaml)) {
      within(Duration.ofSeconds(10), "b and c stored",
          () -> stored(second, "example.com/b", "v1.0.0") && stored(second, "example.com/c", "v1.0.0")
              && metric(second, "goproxy_mirror_sync_prefetches_total", "result=\"stored\"") == 2);
      assertThat(feed.sinces().get(sincesBefore)).as("the first since after the restart").isEqualTo(t1);
      for (String m : new String[] {"a", "b", "c"}) {
        assertThat(upstream.requests().count("/example.com/" + m + "/@v/v1.0.0.zip")).as(m).isEqualTo(1);
      }
      assertThat(metric(second, "goproxy_mirror_sync_prefetches_total", "result=\"already_stored\""))
          .as("a was not handed on again").isZero();
      assertThat(metric(second, "goproxy_mirror_sync_prefetches_total", "result=\"stored\"")).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("a watch-list edit takes effect without a restart (listed from the upstream), and a broken edit"
      + " keeps the last good list and is reported")
  void watchListReload() {
    publish(modules, "example.com/first", "v1.0.0");
    publish(modules, "example.com/later", "v1.0.0");
    publish(modules, "example.com/later", "v1.1.0");
    Path list = watchList("""
        modules:
          - path: example.com/first
            versions: latest
        """);
    try (MirrorHarness mirror = mirror("data", config(list, ""))) {
      within(Duration.ofSeconds(10), "first stored by the poll at start",
          () -> stored(mirror, "example.com/first", "v1.0.0"));
      assertThat(upstream.requests().paths()).noneMatch(p -> p.startsWith("/example.com/later/"));

      watchList("""
          modules:
            - path: example.com/first
              versions: latest
            - path: example.com/later
              versions: "latest 2"
          """);
      within(Duration.ofSeconds(10), "later's two versions stored", () -> stored(mirror, "example.com/later", "v1.0.0")
          && stored(mirror, "example.com/later", "v1.1.0"));

      watchList("modules:\n  - path: example.com/broken\n    versions: lastest\n");
      within(Duration.ofSeconds(10), "the reload error reported",
          () -> admin(mirror, "/admin/sync").getJsonObject("watchlist").getString("lastError") != null);
      JsonObject watch = admin(mirror, "/admin/sync").getJsonObject("watchlist");
      assertThat(watch.getInteger("entries")).isEqualTo(2);
      assertThat(watch.getString("lastError")).contains("lastest");
      assertThat(metric(mirror, "goproxy_mirror_sync_watchlist_reload_errors_total", "")).isEqualTo(1);
      assertThat(metric(mirror, "goproxy_mirror_sync_watchlist_entries", "")).isEqualTo(2);

      publish(modules, "example.com/later", "v1.2.0");
      within(Duration.ofSeconds(10), "the old list still polls: later v1.2.0 stored",
          () -> stored(mirror, "example.com/later", "v1.2.0"));
    }
  }

  @Test
  @DisplayName("a new tag on a private repository is mirrored by polling, never asking the upstream proxy")
  void privateTagPolling() {
    try (GitRepoBuilder repo = GitRepoBuilder.createBare(tmp.resolve("repos/git.corp.test/team/lib"));
        GitHttpServer git = GitHttpServer.start(tmp.resolve("repos"))) {
      repo.commit(T1, files("go.mod", "module git.corp.test/team/lib\n\ngo 1.19\n", "lib.go", "package lib\n"))
          .tag("v1.0.0");
      Path list = watchList("""
          modules:
            - path: git.corp.test/team/lib
              versions: all
              poll: 1s
          """);
      String extra = """
          private: "git.corp.test/*"
          git:
            refs-ttl: 200ms
            repositories:
              - prefix: "git.corp.test"
                url: "%sgit.corp.test/{path}"
          """.formatted(git.baseUrl());
      try (MirrorHarness mirror = mirror("data", config(list, extra))) {
        within(Duration.ofSeconds(20), "v1.0.0 stored", () -> stored(mirror, "git.corp.test/team/lib", "v1.0.0"));
        repo.commit(T1.plusSeconds(60), files("go.mod", "module git.corp.test/team/lib\n\ngo 1.19\n",
            "lib.go", "package lib\n\nconst V = 2\n")).tag("v1.1.0");
        within(Duration.ofSeconds(20), "the new tag stored",
            () -> stored(mirror, "git.corp.test/team/lib", "v1.1.0"));
        HttpResponse<byte[]> hit = mirror.get("/git.corp.test/team/lib/@v/v1.1.0.zip");
        assertThat(hit.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(upstream.requests().paths()).noneMatch(p -> p.contains("corp"));
      }
    }
  }

  @Test
  @DisplayName("expansion: a client miss of a go.mod queues its requirements, and theirs, not yet stored")
  void expansionCachesRequirements() {
    publish(modules, "example.com/lib3", "v0.1.0");
    publish(modules, "example.com/lib1", "v1.0.0", "example.com/lib3 v0.1.0");
    publish(modules, "example.com/lib2", "v1.2.0");
    publish(modules, "example.com/app", "v1.0.0", "example.com/lib1 v1.0.0", "example.com/lib2 v1.2.0 // indirect");
    Path list = watchList("modules: []\n");
    try (MirrorHarness mirror = mirror("data", config(list, ""))) {
      assertThat(mirror.get("/example.com/app/@v/v1.0.0.mod").headers().firstValue("X-Cache")).contains("MISS");
      within(Duration.ofSeconds(15), "the requirements stored", () -> stored(mirror, "example.com/lib1", "v1.0.0")
          && stored(mirror, "example.com/lib2", "v1.2.0") && stored(mirror, "example.com/lib3", "v0.1.0"));
      assertThat(mirror.get("/example.com/lib3/@v/v0.1.0.mod").headers().firstValue("X-Cache")).contains("HIT");
      assertThat(zipFetched("example.com/app", "v1.0.0")).as("the missed version itself is the client's").isFalse();
    }
  }

  @Test
  @DisplayName("with expansion off, a client miss queues nothing")
  void expansionOff() {
    publish(modules, "example.com/lib1", "v1.0.0");
    publish(modules, "example.com/app", "v1.0.0", "example.com/lib1 v1.0.0");
    Path list = watchList("modules: []\n");
    try (MirrorHarness mirror = mirror("data", config(list, "").replace("sync:\n", "sync:\n  expansion:\n    enabled: false\n"))) {
      assertThat(mirror.get("/example.com/app/@v/v1.0.0.mod").statusCode()).isEqualTo(200);
      publish(modules, "example.com/marker", "v1.0.0");
      watchList("modules:\n  - path: example.com/marker\n    versions: all\n");
      within(Duration.ofSeconds(10), "the marker stored (the worker is running)",
          () -> stored(mirror, "example.com/marker", "v1.0.0"));
      assertThat(upstream.requests().paths()).noneMatch(p -> p.startsWith("/example.com/lib1/"));
    }
  }
}
