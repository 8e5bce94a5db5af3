package io.goproxymirror.mirror;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.DownloadResult;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.goproxymirror.mirror.testkit.GoClient;
import io.goproxymirror.mirror.testkit.GoDirect;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.RequiredTools;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real go command as the client. The upstream serves files that the go command itself made
 * from Git repositories created here (direct mode with an insteadOf rewrite); downloads through the
 * mirror must report the very same {@code Sum} and {@code GoModSum}.
 */
@DisplayName("end to end with the real go command")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoEndToEndTest {
  private static final Instant T1 = Instant.parse("2020-01-14T19:47:44Z");
  private static final Instant T2 = Instant.parse("2021-06-01T12:00:00Z");
  private static final List<String[]> MODULES = List.of(
      new String[] {"github.com/acme/hello", "v1.0.0"},
      new String[] {"github.com/acme/hello/v2", "v2.0.0"},
      new String[] {"github.com/acme/nomod", "v1.0.0"},
      new String[] {"github.com/acme/legacy", "v2.0.0+incompatible"},
      new String[] {"github.com/Acme/Upper", "v1.1.0"});

  private Path tmp;
  private Vertx vertx;
  private GoproxyDirServer upstream;
  private final Map<String, DownloadResult> golden = new LinkedHashMap<>();

  @BeforeAll
  void produceGoldenFiles(@TempDir Path dir) {
    tmp = dir;
    RequiredTools.go();
    RequiredTools.git();
    GoDirect direct = new GoDirect(tmp.resolve("direct"), tmp.resolve("repos"));
    try (GitRepoBuilder hello = GitRepoBuilder.createBare(direct.repoDir("github.com/acme/hello"))) {
      hello.commit(T1, files("go.mod", "module github.com/acme/hello\n\ngo 1.19\n", "hello.go", "package hello\n"))
          .tag("v1.0.0")
          .commit(T2, files("go.mod", "module github.com/acme/hello/v2\n\ngo 1.19\n", "hello.go", "package hello\n",
              "sub/util.go", "package sub\n"))
          .tag("v2.0.0");
    }
    try (GitRepoBuilder nomod = GitRepoBuilder.createBare(direct.repoDir("github.com/acme/nomod"))) {
      nomod.commit(T1, files("a.go", "package nomod\n", "LICENSE", "MIT\n")).tag("v1.0.0");
    }
    try (GitRepoBuilder legacy = GitRepoBuilder.createBare(direct.repoDir("github.com/acme/legacy"))) {
      legacy.commit(T1, files("l.go", "package legacy\n")).tag("v2.0.0");
    }
    try (GitRepoBuilder upper = GitRepoBuilder.createBare(direct.repoDir("github.com/Acme/Upper"))) {
      upper.commit(T2, files("go.mod", "module github.com/Acme/Upper\n\ngo 1.19\n", "Upper.go", "package upper\n"))
          .tag("v1.1.0");
    }
    for (String[] m : MODULES) {
      golden.put(m[0], direct.download(m[0], m[1]).requireOk());
    }
    vertx = Vertx.vertx();
    upstream = GoproxyDirServer.start(vertx, direct.downloadCacheDir());
  }

  @AfterAll
  void stop() {
    if (upstream != null) {
      upstream.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  @Test
  @DisplayName("go mod download through the mirror reports the go command's own Sum and GoModSum, cold and warm")
  void sameSumsThroughTheMirror() {
    Path data = tmp.resolve("data");
    upstream.requests().clear();
    try (MirrorHarness mirror = MirrorHarness.start(data, upstream.baseUrl())) {
      for (int round = 0; round < 2; round++) {
        GoClient client = new GoClient(tmp.resolve("client-" + round), mirror.baseUrl());
        for (String[] m : MODULES) {
          DownloadResult viaMirror = client.download(m[0], m[1]).requireOk();
          DownloadResult expected = golden.get(m[0]);
          assertThat(viaMirror.version()).as(m[0]).isEqualTo(m[1]);
          assertThat(viaMirror.sum()).as(m[0] + " Sum, round " + round).isEqualTo(expected.sum());
          assertThat(viaMirror.goModSum()).as(m[0] + " GoModSum, round " + round).isEqualTo(expected.goModSum());
        }
      }
      for (String[] m : MODULES) {
        String escaped = m[0].replace("Acme", "!acme").replace("Upper", "!upper");
        assertThat(upstream.requests().count("/" + escaped + "/@v/" + m[1] + ".zip")).as(m[0]).isEqualTo(1);
      }
    }
  }

  @Test
  @DisplayName("the data directory works as GOPROXY=file:// with the same sums")
  void dataDirectoryAsFileProxy() {
    Path data = tmp.resolve("data-export");
    try (MirrorHarness mirror = MirrorHarness.start(data, upstream.baseUrl())) {
      GoClient warm = new GoClient(tmp.resolve("client-warm"), mirror.baseUrl());
      for (String[] m : MODULES) {
        warm.download(m[0], m[1]).requireOk();
      }
    }
    GoClient offline = new GoClient(tmp.resolve("client-file"), "file://" + data.toAbsolutePath());
    for (String[] m : MODULES) {
      DownloadResult fromFiles = offline.download(m[0], m[1]).requireOk();
      assertThat(fromFiles.sum()).as(m[0]).isEqualTo(golden.get(m[0]).sum());
      assertThat(fromFiles.goModSum()).as(m[0]).isEqualTo(golden.get(m[0]).goModSum());
    }
  }
}
