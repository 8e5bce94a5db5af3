package io.goproxymirror.mirror.fetch.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.modzip.InvalidModuleZipException;
import io.goproxymirror.mirror.modzip.ModuleZipVerifier;
import io.goproxymirror.mirror.modzip.ZipSummary;
import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.goproxymirror.mirror.testkit.RepoTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("GitModuleZip writes module zips from a commit")
class GitModuleZipTest {
  private static final Instant TIME = Instant.parse("2024-01-02T03:04:05Z");

  @TempDir Path tmp;

  @Test
  @DisplayName("applies the go 1.24 vendor rules, matching golang/mod's exclude_vendor_go124 vector")
  void go124VendorRules() throws Exception {
    // Files and hash of golang/mod zip/testdata/create/exclude_vendor_go124.txt as of commit
    // fe2ec04 (the rule since c8a7319, first released in x/mod v0.22.0, used by go 1.24+);
    // path=example.com/m, version=v1.0.0. The local go command is 1.19, which uses the old
    // rules, so this rule is checked against that vector instead.
    ObjectId commit = commit(RepoTree.of()
        .file("go.mod", "module example.com/m\n\ngo 1.24\n"
            + "modules.txt is excluded in 1.24+. See golang.org/issue/63395\n")
        .file("vendor/modules.txt", "excluded\n"
            + "see comment in isVendoredPackage and golang.org/issue/31562.\n")
        .file("vendor/example.com/x/x.go", "excluded\n")
        .file("sub/vendor/sub.txt", "excluded\n")
        .file("pkg/vendor/vendor.go", "included\n"
            + "see comment in isVendoredPackage and golang.org/issue/37397\n"));

    ZipSummary summary = write(commit, "", "example.com/m", "v1.0.0");

    assertThat(summary.h1()).isEqualTo("h1:mJR1q75yiMK6+CDw6DuhMS4v4hNoLXqkyk2Cph4VS8Q=");
    // The vector labels sub/vendor/sub.txt "excluded", but its hash includes it.
    assertThat(names(zip())).containsExactly("example.com/m@v1.0.0/go.mod",
        "example.com/m@v1.0.0/pkg/vendor/vendor.go", "example.com/m@v1.0.0/sub/vendor/sub.txt");
  }

  @Test
  @DisplayName("writes deflated entries with the module@version prefix and no directory entries")
  void entryLayout() throws Exception {
    ObjectId commit = commit(RepoTree.of()
        .file("go.mod", "module example.com/m\n")
        .file("a/b/c.go", "package b\n"));

    ZipSummary summary = write(commit, "", "example.com/m", "v1.2.3");

    try (ZipFile zip = new ZipFile(zip().toFile(), StandardCharsets.UTF_8)) {
      assertThat(Collections.list(zip.entries())).extracting(ZipEntry::getName)
          .containsExactly("example.com/m@v1.2.3/a/b/c.go", "example.com/m@v1.2.3/go.mod");
      assertThat(Collections.list(zip.entries())).extracting(ZipEntry::getMethod)
          .containsOnly(ZipEntry.DEFLATED);
    }
    assertThat(ModuleZipVerifier.verify(zip(), "example.com/m", "v1.2.3")).isEqualTo(summary);
  }

  @Test
  @DisplayName("reads .gitattributes only from the tree, not from the repository's info/attributes")
  void ignoresRepositoryAttributes() throws Exception {
    ObjectId commit = commit(RepoTree.of()
        .file("go.mod", "module example.com/m\n").file("a.txt", "a\n"));
    Path info = tmp.resolve("repo/info");
    Files.createDirectories(info);
    Files.writeString(info.resolve("attributes"), "* eol=crlf ident\n");

    write(commit, "", "example.com/m", "v1.0.0");

    try (ZipFile zip = new ZipFile(zip().toFile())) {
      assertThat(zip.getInputStream(zip.getEntry("example.com/m@v1.0.0/a.txt")).readAllBytes())
          .isEqualTo("a\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  @DisplayName("fails for a module directory the commit does not have, leaving no file behind")
  void missingDirectory() throws Exception {
    ObjectId commit = commit(RepoTree.of().file("go.mod", "module example.com/m\n"));
    Files.writeString(zip(), "old content");

    assertThatThrownBy(() -> write(commit, "nope", "example.com/m/nope", "v1.0.0"))
        .isInstanceOf(InvalidModuleZipException.class)
        .hasMessageContaining("did not match any files");
    assertThat(zip()).doesNotExist();
  }

  @Test
  @DisplayName("fails for a non-canonical version or a path that does not fit the version")
  void checksModuleAndVersion() throws Exception {
    ObjectId commit = commit(RepoTree.of().file("go.mod", "module example.com/m\n"));

    assertThatThrownBy(() -> write(commit, "", "example.com/m", "v1.0"))
        .isInstanceOf(InvalidModuleZipException.class).hasMessageContaining("not canonical");
    assertThatThrownBy(() -> write(commit, "", "example.com/m", "v2.0.0"))
        .isInstanceOf(InvalidModuleZipException.class);
  }

  private ObjectId commit(RepoTree tree) {
    try (GitRepoBuilder repo = GitRepoBuilder.createBare(tmp.resolve("repo"))) {
      return repo.commit(TIME, tree).lastCommit();
    }
  }

  private ZipSummary write(ObjectId commit, String dir, String module, String version)
      throws Exception {
    try (Repository repo = ZipBuilds.open(tmp.resolve("repo"))) {
      return GitModuleZip.write(repo, commit, dir, module, version, zip());
    }
  }

  private Path zip() {
    return tmp.resolve("out.zip");
  }

  private static List<String> names(Path zip) throws Exception {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
    }
  }
}
