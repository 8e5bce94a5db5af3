package io.goproxymirror.mirror.fetch.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.modzip.DirHash;
import io.goproxymirror.mirror.testkit.DownloadResult;
import io.goproxymirror.mirror.testkit.GoCommand;
import io.goproxymirror.mirror.testkit.GoDirect;
import io.goproxymirror.mirror.testkit.ProcessResult;
import io.goproxymirror.mirror.testkit.VersionRuleRepos;
import io.goproxymirror.mirror.testkit.VersionRuleRepos.Case;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays {@link VersionRuleRepos} against the real go command in direct mode and
 * {@link ModuleRepo}. Every go invocation gets an empty module cache, so the go command's answer
 * does not depend on what an earlier case fetched.
 */
@DisplayName("ModuleRepo resolves versions exactly as the go command does in direct mode")
class ModuleRepoGoParityTest {
  @TempDir static Path tmp;
  private static VersionRuleRepos repos;
  private static GoDirect direct;
  private static Path cwd;
  private static final AtomicInteger CACHES = new AtomicInteger();

  @BeforeAll
  static void createRepositories() throws IOException {
    repos = VersionRuleRepos.create(tmp.resolve("repos"));
    direct = new GoDirect(tmp.resolve("go"), repos.reposRoot());
    cwd = Files.createDirectories(tmp.resolve("cwd"));
  }

  @TestFactory
  @DisplayName("queries: same Version, Time, Origin, go.mod and module files, or both reject")
  Stream<DynamicTest> queries() {
    return repos.cases().stream().map(c -> dynamicTest(c.toString(), () -> checkQuery(c)));
  }

  @TestFactory
  @DisplayName("version lists equal go list -m -versions -retracted")
  Stream<DynamicTest> lists() {
    return repos.modules().stream().map(m -> dynamicTest(m, () -> checkList(m)));
  }

  @TestFactory
  @DisplayName("@latest equals go list -m mod@latest, or both reject")
  Stream<DynamicTest> latest() {
    return repos.modules().stream().map(m -> dynamicTest(m, () -> checkLatest(m)));
  }

  private static void checkQuery(Case c) throws IOException {
    DownloadResult golden = freshGo().modDownload(cwd, c.module(), c.query());
    try (Repository git = open(c.module())) {
      ModuleRepo repo = moduleRepo(git, c.module());
      if (!golden.ok()) {
        Throwable thrown = catchThrowable(() -> repo.stat(c.query()));
        assertThat(thrown)
            .as("go rejects it: %s", golden.error())
            .isInstanceOf(NotFoundException.class);
        assertSameReason(thrown.getMessage(), golden.error());
        return;
      }
      RevInfo info = repo.stat(c.query());
      JsonObject goInfo = new JsonObject(golden.infoText());
      assertThat(info.version()).as("Version").isEqualTo(golden.version());
      assertThat(info.time().toString()).as("Time").isEqualTo(goInfo.getString("Time"));
      JsonObject ours = new JsonObject(new String(info.json(), StandardCharsets.UTF_8));
      assertThat(ours.getJsonObject("Origin")).as("Origin").isEqualTo(goOrigin(golden.process()));

      byte[] mod = repo.goMod(info.version());
      assertThat(mod).as(".mod bytes").isEqualTo(golden.modBytes());
      assertThat(DirHash.goModHash(mod)).as("GoModSum").isEqualTo(golden.goModSum());

      ZipSource source = repo.zipSource(info.version());
      assertThat(source.commit().name()).isEqualTo(info.origin().hash());
      assertSameFiles(git, source, golden.dir());
    }
  }

  private static void checkList(String module) throws IOException {
    ProcessResult run = freshGo().run(cwd, "list", "-m", "-versions", "-retracted", "-json", module);
    assertThat(run.succeeded()).as(run.describe()).isTrue();
    List<String> expected = new JsonObject(run.stdout())
        .getJsonArray("Versions", new JsonArray()).stream().map(String.class::cast).toList();
    try (Repository git = open(module)) {
      assertThat(moduleRepo(git, module).versions()).isEqualTo(expected);
    }
  }

  private static void checkLatest(String module) throws IOException {
    ProcessResult run = freshGo().run(cwd, "list", "-m", "-json", module + "@latest");
    try (Repository git = open(module)) {
      ModuleRepo repo = moduleRepo(git, module);
      if (!run.succeeded()) {
        Throwable thrown = catchThrowable(repo::latest);
        assertThat(thrown).as("go rejects it: %s", run.stderr())
            .isInstanceOf(NotFoundException.class);
        assertSameReason("go: " + thrown.getMessage(), run.stderr().strip());
        return;
      }
      JsonObject golden = new JsonObject(run.stdout());
      RevInfo info = repo.latest();
      assertThat(info.version()).as("Version").isEqualTo(golden.getString("Version"));
      assertThat(info.time().toString()).as("Time").isEqualTo(golden.getString("Time"));
      JsonObject origin = golden.getJsonObject("Origin");
      // go clears Hash and Ref when merging the list's tag checksum with a pseudo-version's
      // fails (different tag prefixes): bookkeeping for 'go list -reuse', not a resolution.
      if (origin != null && origin.containsKey("Hash")) {
        origin.remove("TagSum");
        origin.remove("TagPrefix");
        JsonObject ours = new JsonObject(new String(info.json(), StandardCharsets.UTF_8));
        assertThat(ours.getJsonObject("Origin")).as("Origin").isEqualTo(origin);
      }
    }
  }

  /**
   * The same message, except that for an ambiguous hash prefix go names whichever matching hash
   * its map iteration met first.
   */
  private static void assertSameReason(String ours, String go) {
    int ambiguous = ours.indexOf("ambiguous revision ");
    if (ambiguous >= 0) {
      assertThat(go).startsWith(ours.substring(0, ambiguous + "ambiguous revision ".length()));
    } else {
      assertThat(ours).as("error message").isEqualTo(go);
    }
  }

  /** The Origin go printed for the query, without the tag checksum fields ModuleRepo omits. */
  private static JsonObject goOrigin(ProcessResult run) {
    JsonObject origin = new JsonObject(run.stdout()).getJsonObject("Origin");
    origin.remove("TagSum");
    origin.remove("TagPrefix");
    return origin;
  }

  /** Every file go extracted is in the source directory (LICENSE may come from the root). */
  private static void assertSameFiles(Repository git, ZipSource source, Path extracted)
      throws IOException {
    GitCode code = new GitCode(git, GitRefs.read(git));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(extracted)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      String rel = extracted.relativize(file).toString().replace('\\', '/');
      Optional<byte[]> expected = code.readFile(source.commit(),
          source.moduleDir().isEmpty() ? rel : source.moduleDir() + "/" + rel);
      if (expected.isEmpty() && rel.equals("LICENSE")) {
        expected = code.readFile(source.commit(), "LICENSE");
      }
      assertThat(expected).as("%s in %s", rel, source).isPresent();
      assertThat(Files.readAllBytes(file)).as(rel).isEqualTo(expected.get());
    }
  }

  private static ModuleRepo moduleRepo(Repository git, String module) {
    return new ModuleRepo(git, VersionRuleRepos.repoUrl(module), VersionRuleRepos.codeRoot(module),
        module);
  }

  private static Repository open(String module) throws IOException {
    return new FileRepositoryBuilder().setGitDir(repos.repoDir(module).toFile()).setBare()
        .setMustExist(true).build();
  }

  private static GoCommand freshGo() {
    return direct.command().withModCache(tmp.resolve("modcache-" + CACHES.incrementAndGet()));
  }
}
