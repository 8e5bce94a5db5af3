package io.goproxymirror.mirror;

import static io.goproxymirror.mirror.SyncWorkerTest.TOKEN;
import static io.goproxymirror.mirror.SyncWorkerTest.metric;
import static io.goproxymirror.mirror.SyncWorkerTest.publish;
import static io.goproxymirror.mirror.SyncWorkerTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.DownloadResult;
import io.goproxymirror.mirror.testkit.GoClient;
import io.goproxymirror.mirror.testkit.GoCommand;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.ProcessResult;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("warm a project: POST /admin/warm and the warm command, then go mod download finds every module warm")
@Timeout(180)
class WarmTest {
  private static final String[][] MODULES = {
    {"example.com/w1", "v1.0.0"}, {"example.com/w2", "v1.1.0"}, {"example.com/w3", "v0.2.0"},
  };

  @TempDir Path tmp;
  private Vertx vertx;
  private GoproxyDirServer upstream;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    ModuleFixture modules = new ModuleFixture(tmp.resolve("upstream"));
    publish(modules, "example.com/w2", "v1.1.0");
    publish(modules, "example.com/w3", "v0.2.0");
    publish(modules, "example.com/w1", "v1.0.0", "example.com/w2 v1.1.0");
    upstream = GoproxyDirServer.start(vertx, tmp.resolve("upstream"));
  }

  @AfterEach
  void stop() {
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private MirrorHarness mirror(String extraYaml) {
    return MirrorHarness.startRole(Role.ALL, tmp.resolve("data"), """
        admin:
          token: "%s"
        %s""".formatted(TOKEN, extraYaml), upstream.baseUrl());
  }

  /** The project's go.sum, computed by the go command straight from the upstream. */
  private String goSum() {
    GoClient direct = new GoClient(tmp.resolve("go-direct"), upstream.baseUrl());
    StringBuilder sum = new StringBuilder();
    for (String[] m : MODULES) {
      DownloadResult result = direct.download(m[0], m[1]).requireOk();
      sum.append(m[0]).append(' ').append(m[1]).append(' ').append(result.sum()).append('\n');
      sum.append(m[0]).append(' ').append(m[1]).append("/go.mod ").append(result.goModSum()).append('\n');
    }
    return sum.toString();
  }

  private Path project(String goSum) {
    Path dir = tmp.resolve("project");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("go.mod"), """
          module example.com/project

          go 1.19

          require (
          \texample.com/w1 v1.0.0
          \texample.com/w3 v0.2.0
          )

          require example.com/w2 v1.1.0 // indirect
          """);
      Files.writeString(dir.resolve("go.sum"), goSum);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  @Test
  @DisplayName("after the warm command (--wait) posts the go.sum, go mod download all asks the mirror only for"
      + " HITs and the upstream nothing")
  void warmGoSumThenDownload() {
    Path project = project(goSum());
    try (MirrorHarness mirror = mirror("")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit = new CommandLine(new Main()).addSubcommand("warm", new WarmCommand(
              Map.of("MIRROR_ADMIN_TOKEN", TOKEN), new PrintStream(out, true, StandardCharsets.UTF_8), System.err))
          .execute("warm", project.resolve("go.sum").toString(), "--mirror", mirror.baseUrl(), "--wait");
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(exit).as(printed).isZero();
      assertThat(printed).contains("0 failed");
      for (String[] m : MODULES) {
        assertThat(SyncWorkerTest.stored(mirror, m[0], m[1])).as(m[0]).isTrue();
      }

      int upstreamBefore = upstream.requests().total();
      double missesBefore = metric(mirror, "goproxy_mirror_cold_misses_total", "");
      ProcessResult download = GoCommand.in(tmp.resolve("go-client")).withGoproxy(mirror.baseUrl())
          .run(project, "mod", "download", "all");
      assertThat(download.succeeded()).as(download.describe()).isTrue();

      assertThat(upstream.requests().total()).as("upstream requests during go mod download").isEqualTo(upstreamBefore);
      assertThat(metric(mirror, "goproxy_mirror_cold_misses_total", "")).isEqualTo(missesBefore);
      assertThat(metric(mirror, "goproxy_mirror_requests_total", "cache=\"HIT\",endpoint=\"zip\""))
          .as("zips served warm").isGreaterThanOrEqualTo(MODULES.length);
    }
  }

  @Test
  @DisplayName("POST /admin/warm with a go.mod returns a job whose progress GET /admin/warm/{id} reports")
  void warmGoModOverHttp() throws Exception {
    Path project = project("");
    try (MirrorHarness mirror = mirror("")) {
      HttpResponse<byte[]> posted = mirror.send("POST", "/admin/warm",
          Map.of("Authorization", "Bearer " + TOKEN), Files.readAllBytes(project.resolve("go.mod")));
      assertThat(posted.statusCode()).as(text(posted)).isEqualTo(202);
      JsonObject job = new JsonObject(text(posted));
      String id = job.getString("id");
      assertThat(job.getString("status")).isEqualTo("/admin/warm/" + id);
      SyncWorkerTest.within(Duration.ofSeconds(20), "the job finished",
          () -> "finished".equals(SyncWorkerTest.admin(mirror, "/admin/warm/" + id).getString("state")));
      JsonObject done = SyncWorkerTest.admin(mirror, "/admin/warm/" + id);
      assertThat(done.getInteger("failed")).isZero();
      assertThat(done.getInteger("done")).isEqualTo(done.getInteger("queued")).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  @DisplayName("admin requests need the token: 401 without or with a wrong one; 400 for a body that is no"
      + " go.mod/go.sum; 404 for an unknown job; off (404) without admin.token")
  void adminGuards() {
    try (MirrorHarness mirror = mirror("")) {
      assertThat(mirror.get("/admin/sync").statusCode()).isEqualTo(401);
      HttpResponse<byte[]> wrong = mirror.send("GET", "/admin/sync", Map.of("Authorization", "Bearer nope-nope-nope-nope"));
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(text(wrong)).doesNotContain(TOKEN);
      HttpResponse<byte[]> garbage = mirror.send("POST", "/admin/warm", Map.of("Authorization", "Bearer " + TOKEN),
          "this is not a go.sum\n".getBytes(StandardCharsets.UTF_8));
      assertThat(garbage.statusCode()).as(text(garbage)).isEqualTo(400);
      assertThat(mirror.send("GET", "/admin/warm/unknown", Map.of("Authorization", "Bearer " + TOKEN)).statusCode())
          .isEqualTo(404);
    }
    try (MirrorHarness off = MirrorHarness.startRole(Role.ALL, tmp.resolve("data-off"), "{}\n", upstream.baseUrl())) {
      HttpResponse<byte[]> response = off.send("GET", "/admin/sync", Map.of("Authorization", "Bearer " + TOKEN));
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(text(response)).contains("admin.token");
    }
  }
}
