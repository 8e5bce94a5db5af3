package io.goproxymirror.mirror.testkit;

import static io.goproxymirror.mirror.testkit.GitRepoBuilder.files;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("GoDirect and GoClient drive the real go command against local repositories and proxies")
class GoDirectTest {

  private static final Instant T1 = Instant.parse("2020-01-14T19:47:44Z");
  private static final Instant T2 = Instant.parse("2021-06-01T12:00:00Z");
  private static final String HELLO_MOD = "module github.com/acme/hello\n\ngo 1.19\n";
  private static final Map<String, byte[]> HELLO =
      files("go.mod", HELLO_MOD, "hello.go", "package hello\n");

  @TempDir Path tmp;

  @Test
  @DisplayName("downloads a tagged module from a bare repository, and a directory proxy of the cache gives the same sums")
  void directThenThroughDirectoryProxy(Vertx vertx) {
    repo("github.com/acme/hello").commit(T1, HELLO).tag("v1.0.0").close();
    GoDirect direct = direct();

    DownloadResult golden = direct.download("github.com/acme/hello", "v1.0.0");

    assertThat(golden.version()).isEqualTo("v1.0.0");
    // Content-only hashes: these depend on the two files above, not on times or paths.
    assertThat(golden.sum()).isEqualTo("h1:oLueZkeiYLkWbZsoA2E/gmgaWfxpD/0dUnZOoFDZSD8=");
    assertThat(golden.goModSum()).isEqualTo("h1:hZNgPWyHroHus1mH5QHPRAqE4Eq2AtiPL14lq3p72PI=");
    assertThat(new String(golden.modBytes(), UTF_8)).isEqualTo(HELLO_MOD);
    assertThat(golden.infoText())
        .contains("\"Version\":\"v1.0.0\"", "\"Time\":\"2020-01-14T19:47:44Z\"");
    assertThat(golden.zip()).startsWith(direct.downloadCacheDir());

    try (GoproxyDirServer proxy = GoproxyDirServer.start(vertx, direct.downloadCacheDir())) {
      GoClient client = new GoClient(tmp.resolve("client"), proxy.baseUrl());
      DownloadResult viaProxy = client.download("github.com/acme/hello", "v1.0.0");

      assertThat(viaProxy.sum()).isEqualTo(golden.sum());
      assertThat(viaProxy.goModSum()).isEqualTo(golden.goModSum());
      assertThat(viaProxy.zip()).startsWith(tmp.resolve("client"));
      assertThat(proxy.requests().paths()).containsExactly(
          "/github.com/acme/hello/@v/v1.0.0.info",
          "/github.com/acme/hello/@v/v1.0.0.mod",
          "/github.com/acme/hello/@v/v1.0.0.zip");

      // A second download uses a fresh module cache, so it asks the proxy again.
      client.download("github.com/acme/hello", "v1.0.0");
      assertThat(proxy.requests().count("/github.com/acme/hello/@v/v1.0.0.zip")).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("synthesizes 'module <path>' as the .mod of a version without go.mod")
  void moduleWithoutGoMod() {
    repo("github.com/acme/nomod").commit(T1, files("a.go", "package nomod\n")).tag("v1.0.0").close();

    DownloadResult result = direct().download("github.com/acme/nomod", "v1.0.0");

    assertThat(new String(result.modBytes(), UTF_8)).isEqualTo("module github.com/acme/nomod\n");
    assertThat(result.sum()).startsWith("h1:");
    assertThat(result.goModSum()).startsWith("h1:");
  }

  @Test
  @DisplayName("resolves a /v2 module from a v2 tag whose root go.mod declares the /v2 path")
  void majorVersionTwo() {
    String v2Mod = "module github.com/acme/hello/v2\n\ngo 1.19\n";
    repo("github.com/acme/hello")
        .commit(T1, HELLO).tag("v1.0.0")
        .commit(T2, files("go.mod", v2Mod, "hello.go", "package hello\n")).tag("v2.0.0")
        .close();
    GoDirect direct = direct();

    DownloadResult v2 = direct.download("github.com/acme/hello/v2", "v2.0.0");
    DownloadResult v1 = direct.download("github.com/acme/hello", "v1.0.0");

    assertThat(v2.path()).isEqualTo("github.com/acme/hello/v2");
    assertThat(new String(v2.modBytes(), UTF_8)).isEqualTo(v2Mod);
    assertThat(v2.infoText()).contains("\"Time\":\"2021-06-01T12:00:00Z\"");
    assertThat(v2.sum()).startsWith("h1:").isNotEqualTo(v1.sum());
  }

  @Test
  @DisplayName("serves a v2 tag without go.mod as +incompatible, directly and through a directory proxy")
  void incompatible(Vertx vertx) {
    repo("github.com/acme/legacy").commit(T1, files("l.go", "package legacy\n")).tag("v2.0.0").close();
    GoDirect direct = direct();

    DownloadResult golden = direct.download("github.com/acme/legacy", "v2.0.0+incompatible");

    assertThat(golden.version()).isEqualTo("v2.0.0+incompatible");
    assertThat(new String(golden.modBytes(), UTF_8)).isEqualTo("module github.com/acme/legacy\n");
    try (GoproxyDirServer proxy = GoproxyDirServer.start(vertx, direct.downloadCacheDir())) {
      DownloadResult viaProxy = new GoClient(tmp.resolve("client"), proxy.baseUrl())
          .download("github.com/acme/legacy", "v2.0.0+incompatible");
      assertThat(viaProxy.sum()).isEqualTo(golden.sum());
      assertThat(proxy.requests().paths())
          .contains("/github.com/acme/legacy/@v/v2.0.0+incompatible.zip");
    }
  }

  @Test
  @DisplayName("case-escapes an upper-case module path as !lower in the cache and on the wire")
  void upperCasePath(Vertx vertx) {
    repo("github.com/Acme/Upper")
        .commit(T1, files("go.mod", "module github.com/Acme/Upper\n", "u.go", "package upper\n"))
        .tag("v1.0.0")
        .close();
    GoDirect direct = direct();

    DownloadResult golden = direct.download("github.com/Acme/Upper", "v1.0.0");

    assertThat(golden.path()).isEqualTo("github.com/Acme/Upper");
    assertThat(golden.zip())
        .isEqualTo(direct.downloadCacheDir().resolve("github.com/!acme/!upper/@v/v1.0.0.zip"));
    try (GoproxyDirServer proxy = GoproxyDirServer.start(vertx, direct.downloadCacheDir())) {
      DownloadResult viaProxy = new GoClient(tmp.resolve("client"), proxy.baseUrl())
          .download("github.com/Acme/Upper", "v1.0.0");
      assertThat(viaProxy.sum()).isEqualTo(golden.sum());
      assertThat(proxy.requests().count("/github.com/!acme/!upper/@v/v1.0.0.info")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("uses the commit time, not the tagger time, for an annotated tag")
  void annotatedTagTime() {
    repo("github.com/acme/annotated")
        .commit(T1, files("go.mod", "module github.com/acme/annotated\n"))
        .annotatedTag("v1.0.0", T2, "release")
        .close();

    DownloadResult result = direct().download("github.com/acme/annotated", "v1.0.0");

    assertThat(result.infoText()).contains("\"Time\":\"2020-01-14T19:47:44Z\"");
  }

  @Test
  @DisplayName("turns a branch into a pseudo-version and leaves symlinks out of the zip")
  void branchAndSymlink() throws IOException {
    repo("github.com/acme/branchy")
        .onBranch("dev")
        .commit(T2, files("go.mod", "module github.com/acme/branchy\n", "b.go", "package b\n"),
            Map.of("link.go", "b.go"))
        .close();

    DownloadResult result = direct().download("github.com/acme/branchy", "dev");

    assertThat(result.version()).matches("v0\\.0\\.0-20210601120000-[0-9a-f]{12}");
    assertThat(zipEntries(result.zipBytes())).containsExactlyInAnyOrder(
        result.path() + "@" + result.version() + "/go.mod",
        result.path() + "@" + result.version() + "/b.go");
  }

  @Test
  @DisplayName("lists the versions a directory proxy knows, and reports unknown ones as go errors")
  void listVersionsAndErrors(Vertx vertx) {
    repo("github.com/acme/hello").commit(T1, HELLO).tag("v1.0.0").tag("v1.1.0").close();
    GoDirect direct = direct();
    direct.download("github.com/acme/hello", "v1.0.0");
    direct.download("github.com/acme/hello", "v1.1.0");
    DownloadResult missing = direct.tryDownload("github.com/acme/hello", "v9.9.9");
    assertThat(missing.ok()).isFalse();
    assertThat(missing.error()).contains("v9.9.9");

    try (GoproxyDirServer proxy = GoproxyDirServer.start(vertx, direct.downloadCacheDir())) {
      GoClient client = new GoClient(tmp.resolve("client"), proxy.baseUrl());
      assertThat(client.listVersions("github.com/acme/hello").versions())
          .containsExactly("v1.0.0", "v1.1.0");
      ModuleVersions unknown = client.tryListVersions("github.com/acme/unknown");
      assertThat(unknown.ok()).isFalse();
      assertThat(unknown.error()).contains("404");
    }
  }

  private GitRepoBuilder repo(String path) {
    return GitRepoBuilder.createBare(tmp.resolve("repos").resolve(path));
  }

  private GoDirect direct() {
    return new GoDirect(tmp.resolve("direct"), tmp.resolve("repos"));
  }

  private static List<String> zipEntries(byte[] zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    return names;
  }
}
