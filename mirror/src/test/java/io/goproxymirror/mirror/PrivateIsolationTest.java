package io.goproxymirror.mirror;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.modzip.ModuleZipVerifier;
import io.goproxymirror.mirror.testkit.GitHttpServer;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private module is built from its Git server only: neither the upstream proxy nor the checksum
 * database ever receives a request naming it, whatever the client asks.
 */
@DisplayName("private modules never reach the upstream proxy or the checksum database")
class PrivateIsolationTest {
  private static final String M = "corp.example.com/team/lib";
  private static final String MISSING = "corp.example.com/team/missing";
  private static final String GO_MOD = "module corp.example.com/team/lib\n\ngo 1.19\n";
  private static final String TOKEN = "corp-token-Zx81";
  private static final String DB = "/sumdb/sum.golang.org/";
  private static final String TILE = "tile/8/0/000.p/3";
  private static final Instant T1 = Instant.parse("2024-05-06T07:08:09Z");
  private static final Instant T2 = Instant.parse("2024-06-07T08:09:10Z");

  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream proxy;
  private ScriptedUpstream database;
  private GitRepoBuilder repo;
  private GitHttpServer git;
  private MirrorHarness mirror;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    proxy = ScriptedUpstream.start(vertx);
    database = ScriptedUpstream.start(vertx);
    database.on("/" + TILE, Reply.ok(new byte[96], "application/octet-stream"));
    repo = GitRepoBuilder.createBare(tmp.resolve("git/corp/team/lib"));
    repo.commit(T1, files("go.mod", GO_MOD, "lib.go", "package lib\n")).tag("v1.0.0");
    repo.commit(T2, files("go.mod", GO_MOD, "lib.go", "package lib\n\nconst Next = true\n"));
    git = GitHttpServer.start(tmp.resolve("git"), "mirror", TOKEN);
    String yaml = git.corpModulesYaml() + """
        sumdb:
          databases: "sum.golang.org=%s"
        """.formatted(database.baseUrl());
    mirror = MirrorHarness.startWithYaml(tmp.resolve("data"), yaml, proxy.baseUrl(), "CORP_GIT_TOKEN", TOKEN);
  }

  @AfterEach
  void tearDown() {
    mirror.close();
    git.close();
    repo.close();
    database.close();
    proxy.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** Every recorded request that names a module under corp.example.com. */
  private static List<String> naming(ScriptedUpstream server, String text) {
    return server.requests().paths().stream().filter(p -> p.contains(text)).toList();
  }

  @Test
  @DisplayName("every endpoint of a private module is served from Git; the proxy and the database never hear of it")
  void privateModuleStaysInside() throws Exception {
    HttpResponse<byte[]> list = mirror.get("/" + M + "/@v/list");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(text(list)).isEqualTo("v1.0.0\n");

    HttpResponse<byte[]> info = mirror.get("/" + M + "/@v/v1.0.0.info");
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(text(info)).getString("Time")).isEqualTo("2024-05-06T07:08:09Z");

    HttpResponse<byte[]> mod = mirror.get("/" + M + "/@v/v1.0.0.mod");
    assertThat(mod.statusCode()).isEqualTo(200);
    assertThat(text(mod)).isEqualTo(GO_MOD);

    HttpResponse<byte[]> zip = mirror.get("/" + M + "/@v/v1.0.0.zip");
    assertThat(zip.statusCode()).isEqualTo(200);
    Path zipFile = tmp.resolve("lib.zip");
    Files.write(zipFile, zip.body());
    assertThat(ModuleZipVerifier.verify(zipFile, M, "v1.0.0").entries()).isEqualTo(2);

    HttpResponse<byte[]> latest = mirror.get("/" + M + "/@latest");
    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(text(latest)).getString("Version")).isEqualTo("v1.0.0");

    HttpResponse<byte[]> branch = mirror.get("/" + M + "/@v/main.info");
    assertThat(branch.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(text(branch)).getString("Version"))
        .startsWith("v1.0.1-0.20240607080910-").hasSize("v1.0.1-0.20240607080910-".length() + 12);

    for (String lookup : new String[] {DB + "lookup/" + M + "@v1.0.0", DB + "lookup/" + M + "@v1.0.1-0.20240607080910-"
        + repo.lastCommit().name().substring(0, 12)}) {
      HttpResponse<byte[]> refused = mirror.get(lookup);
      assertThat(refused.statusCode()).as(lookup).isEqualTo(403);
      assertThat(text(refused)).contains("GONOSUMDB").endsWith("\n").doesNotContain("\n\n");
    }

    // The tile names no module: it goes to the database, which shows that the database is wired.
    HttpResponse<byte[]> tile = mirror.get(DB + TILE);
    assertThat(tile.statusCode()).isEqualTo(200);
    assertThat(database.requests().paths()).containsExactly("/" + TILE);
    assertThat(naming(database, "corp.example.com")).isEmpty();
    assertThat(proxy.requests().total()).isZero();
    assertThat(git.requests()).isNotEmpty();

    // A public module does go to the proxy: the silence above is not a wiring accident.
    assertThat(mirror.get("/example.com/public/@v/list").statusCode()).isEqualTo(404);
    assertThat(proxy.requests().paths()).containsExactly("/example.com/public/@v/list");
  }

  @Test
  @DisplayName("a private module that does not exist is 404 without any upstream request")
  void missingPrivateModule() {
    for (String path : new String[] {"/" + MISSING + "/@v/list", "/" + MISSING + "/@v/v1.0.0.info",
        "/" + MISSING + "/@v/v1.0.0.mod", "/" + MISSING + "/@v/v1.0.0.zip", "/" + MISSING + "/@latest",
        "/" + MISSING + "/@v/main.info"}) {
      HttpResponse<byte[]> response = mirror.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(text(response)).as(path).endsWith("\n").doesNotContain("\n\n");
    }
    HttpResponse<byte[]> lookup = mirror.get(DB + "lookup/" + MISSING + "@v1.0.0");
    assertThat(lookup.statusCode()).isEqualTo(403);
    assertThat(text(lookup)).contains("GONOSUMDB");
    assertThat(proxy.requests().total()).isZero();
    assertThat(database.requests().total()).isZero();
  }
}
