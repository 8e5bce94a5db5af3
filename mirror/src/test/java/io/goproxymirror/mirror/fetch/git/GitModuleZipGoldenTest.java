package io.goproxymirror.mirror.fetch.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.modzip.InvalidModuleZipException;
import io.goproxymirror.mirror.modzip.ModuleZipVerifier;
import io.goproxymirror.mirror.modzip.ZipSummary;
import io.goproxymirror.mirror.testkit.DownloadResult;
import io.goproxymirror.mirror.testkit.GoDirect;
import io.goproxymirror.mirror.testkit.ZipRuleRepos;
import io.goproxymirror.mirror.testkit.ZipRuleRepos.Case;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("GitModuleZip builds byte-identical zips to the go command's, rule by rule")
class GitModuleZipGoldenTest {

  @TempDir static Path tmp;
  private static List<Case> cases;
  private static GoDirect go;

  @BeforeAll
  static void createRepositories() {
    Path repos = tmp.resolve("repos");
    cases = ZipRuleRepos.create(repos);
    go = new GoDirect(tmp.resolve("go"), repos);
  }

  static List<Case> cases() {
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("matches the go command's h1, and the verifier agrees with the summary")
  void matchesTheGoCommand(Case c) throws Exception {
    Path zip = tmp.resolve("zips").resolve(c.module().replace('/', '_') + ".zip");
    Files.createDirectories(zip.getParent());
    if (!c.servable()) {
      assertThat(go.tryDownload(c.module(), c.version()).ok())
          .as("the go command fails for %s", c).isFalse();
      assertThatThrownBy(() -> ZipBuilds.write(tmp.resolve("repos"), c, zip))
          .isInstanceOf(InvalidModuleZipException.class)
          .hasMessageNotContaining("\n");
      assertThat(zip).doesNotExist();
      return;
    }
    DownloadResult golden = go.download(c.module(), c.version());

    ZipSummary ours = ZipBuilds.write(tmp.resolve("repos"), c, zip);

    assertThat(ZipBuilds.entries(zip)).as("entries of %s", c)
        .isEqualTo(ZipBuilds.entries(golden.zip()));
    assertThat(ours.h1()).as("h1 of %s", c).isEqualTo(golden.sum());
    assertThat(ModuleZipVerifier.verify(zip, c.module(), c.version())).isEqualTo(ours);
  }
}
