package io.goproxymirror.k8s;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.gomod.CaseEscaping;
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

/**
 * Two modules in local Git repositories (one with upper case in its path, so case escaping is on
 * the way), downloaded once by the real go command in direct mode: the golden {@code h1:} sums and
 * files a mirror must reproduce. {@link #upstream()} serves that download as a GOPROXY upstream on
 * 127.0.0.1, which a mirror in a container on the host's network reaches. Needs go and git (the
 * calling test skips without them, or fails under {@code MIRROR_REQUIRE_TOOLS}).
 */
final class GoldenModules implements AutoCloseable {

  /** A module version of this fixture. */
  record ModuleVersion(String path, String version) {
    /** The GOPROXY path of its zip, such as {@code /github.com/!acme/!upper/@v/v1.1.0.zip}. */
    String zipPath() {
      return "/" + CaseEscaping.escapePath(path) + "/@v/" + CaseEscaping.escapeVersion(version) + ".zip";
    }
  }

  static final ModuleVersion HELLO = new ModuleVersion("github.com/acme/hello", "v1.0.0");
  static final ModuleVersion UPPER = new ModuleVersion("github.com/Acme/Upper", "v1.1.0");
  static final List<ModuleVersion> MODULES = List.of(HELLO, UPPER);
  private static final Instant T1 = Instant.parse("2021-03-04T05:06:07Z");

  private final Map<ModuleVersion, DownloadResult> golden = new LinkedHashMap<>();
  private final Vertx vertx;
  private final GoproxyDirServer upstream;
  private boolean upstreamStopped;

  private GoldenModules(Path dir) {
    GoDirect direct = new GoDirect(dir.resolve("direct"), dir.resolve("repos"));
    try (GitRepoBuilder hello = GitRepoBuilder.createBare(direct.repoDir(HELLO.path()))) {
      hello.commit(T1, files("go.mod", "module github.com/acme/hello\n\ngo 1.19\n", "hello.go", "package hello\n"))
          .tag(HELLO.version());
    }
    try (GitRepoBuilder upper = GitRepoBuilder.createBare(direct.repoDir(UPPER.path()))) {
      upper.commit(T1, files("go.mod", "module github.com/Acme/Upper\n\ngo 1.19\n", "Upper.go", "package upper\n"))
          .tag(UPPER.version());
    }
    for (ModuleVersion m : MODULES) {
      golden.put(m, direct.download(m.path(), m.version()).requireOk());
    }
    vertx = Vertx.vertx();
    upstream = GoproxyDirServer.start(vertx, direct.downloadCacheDir());
  }

  /** Builds the repositories under {@code dir}, downloads them directly and starts the upstream. */
  static GoldenModules create(Path dir) {
    RequiredTools.go();
    RequiredTools.git();
    return new GoldenModules(dir);
  }

  GoproxyDirServer upstream() {
    return upstream;
  }

  /** What the go command downloaded directly. */
  DownloadResult golden(ModuleVersion module) {
    return golden.get(module);
  }

  /**
   * Downloads every module with the real go command through {@code goproxy} (a fresh module cache
   * each time) and checks that its {@code Sum} and {@code GoModSum} are the direct download's.
   */
  void assertGoDownloadsThrough(Path workDir, String goproxy, String round) {
    GoClient client = new GoClient(workDir, goproxy);
    for (ModuleVersion m : MODULES) {
      DownloadResult via = client.download(m.path(), m.version());
      DownloadResult expected = golden(m);
      assertThat(via.version()).as(m.path()).isEqualTo(m.version());
      assertThat(via.sum()).as(m.path() + " Sum, " + round).startsWith("h1:").isEqualTo(expected.sum());
      assertThat(via.goModSum()).as(m.path() + " GoModSum, " + round).isEqualTo(expected.goModSum());
    }
  }

  /** Stops the upstream (idempotent); the mirror's requests to it are refused from then on. */
  void stopUpstream() {
    if (!upstreamStopped) {
      upstreamStopped = true;
      upstream.close();
    }
  }

  @Override
  public void close() {
    stopUpstream();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
