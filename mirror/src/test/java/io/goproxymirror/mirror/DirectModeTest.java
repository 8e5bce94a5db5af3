package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.DownloadResult;
import io.goproxymirror.mirror.testkit.GitHttpServer;
import io.goproxymirror.mirror.testkit.GoClient;
import io.goproxymirror.mirror.testkit.GoDirect;
import io.goproxymirror.mirror.testkit.ModuleVersions;
import io.goproxymirror.mirror.testkit.RequiredTools;
import io.goproxymirror.mirror.testkit.VersionRuleRepos;
import io.goproxymirror.mirror.testkit.ZipRuleRepos;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule tables of direct mode, end to end: the real go command downloads every case twice, once
 * in its own direct mode straight from the bare repositories, once through the mirror, which builds
 * from the same repositories served over smart HTTP. Version, Time, Sum, GoModSum, list and
 * {@code @latest} must be equal, and a case the go command refuses must fail through the mirror too.
 */
@DisplayName("direct mode: the mirror builds what the go command builds")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectModeTest {
  private GoDirect oracle;
  private GitHttpServer git;
  private MirrorHarness mirror;
  private GoClient client;
  private VersionRuleRepos versionRules;
  private List<ZipRuleRepos.Case> zipRules;

  @BeforeAll
  void start(@TempDir Path tmp) {
    RequiredTools.go();
    RequiredTools.git();
    Path repos = tmp.resolve("repos");
    versionRules = VersionRuleRepos.create(repos);
    zipRules = ZipRuleRepos.create(repos);
    oracle = new GoDirect(tmp.resolve("oracle"), repos);
    git = GitHttpServer.start(repos);
    mirror = MirrorHarness.startWithYaml(tmp.resolve("data"), """
        git:
          rewrites:
            - from: "https://github.com/"
              to: "%sgithub.com/"
        """.formatted(git.baseUrl()), "direct");
    client = new GoClient(tmp.resolve("client"), mirror.baseUrl());
  }

  @AfterAll
  void stop() {
    if (mirror != null) {
      mirror.close();
    }
    if (git != null) {
      git.close();
    }
  }

  /**
   * Every case of the version table whose query the GOPROXY protocol can carry: a query with a
   * {@code /} (a full tag name such as {@code c/v2.0.0}) is refused by the go client itself before
   * it asks any proxy ("disallowed version string"), so only direct mode can be asked for it; the
   * component test of the version rules covers those.
   */
  Stream<Object[]> versionCases() {
    return versionRules.cases().stream().filter(c -> !c.query().contains("/")).map(c -> new Object[] {c.rule(), c.module(), c.query()});
  }

  Stream<Object[]> zipCases() {
    return zipRules.stream().map(c -> new Object[] {c.rule(), c.module(), c.version()});
  }

  Stream<String> modules() {
    return Stream.concat(versionRules.modules().stream(),
        zipRules.stream().map(ZipRuleRepos.Case::module)).distinct();
  }

  @ParameterizedTest(name = "{0}: {1}@{2}")
  @MethodSource("versionCases")
  @DisplayName("version rules")
  void versionRule(String rule, String module, String query) {
    compare(module, query);
  }

  @ParameterizedTest(name = "{0}: {1}@{2}")
  @MethodSource("zipCases")
  @DisplayName("zip rules")
  void zipRule(String rule, String module, String version) {
    compare(module, version);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modules")
  @DisplayName("list and @latest")
  void listAndLatest(String module) {
    ModuleVersions expected = oracle.command().listVersions(oracle.command().workDir(), module);
    ModuleVersions actual = client.tryListVersions(module);
    assertThat(actual.ok()).as("go list through the mirror succeeds as in direct mode: %s", actual.error())
        .isEqualTo(expected.ok());
    assertThat(actual.versions()).as("list").isEqualTo(expected.versions());
    assertThat(actual.version()).as("@latest").isEqualTo(expected.version());
  }

  private void compare(String module, String query) {
    DownloadResult expected = oracle.tryDownload(module, query);
    DownloadResult actual = client.tryDownload(module, query);
    assertThat(actual.ok())
        .as("through the mirror %s (%s); in direct mode %s (%s)", actual.ok() ? "ok" : "failed", actual.error(),
            expected.ok() ? "ok" : "failed", expected.error())
        .isEqualTo(expected.ok());
    if (!expected.ok()) {
      return;
    }
    assertThat(actual.version()).as("Version").isEqualTo(expected.version());
    assertThat(time(actual)).as("Time").isEqualTo(time(expected));
    assertThat(actual.sum()).as("Sum").isEqualTo(expected.sum());
    assertThat(actual.goModSum()).as("GoModSum").isEqualTo(expected.goModSum());
    assertThat(actual.modBytes()).as(".mod bytes").isEqualTo(expected.modBytes());
  }

  private static String time(DownloadResult result) {
    return new JsonObject(result.infoText()).getString("Time");
  }
}
