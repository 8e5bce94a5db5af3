package io.goproxymirror.mirror.fetch.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.testkit.VersionRuleRepos;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModuleRepo's own API contract, beyond what the go command can be asked (see the parity test). */
@DisplayName("ModuleRepo serves .mod and zip sources only for versions it would answer itself")
class ModuleRepoTest {
  @TempDir static Path tmp;
  private static VersionRuleRepos repos;

  @BeforeAll
  static void createRepositories() {
    repos = VersionRuleRepos.create(tmp.resolve("repos"));
  }

  @Test
  @DisplayName("writes .info JSON in the go command's field order, omitting empty fields")
  void json() throws IOException {
    try (Repository git = open("github.com/verrules/mono")) {
      RevInfo info = repo(git, "github.com/verrules/mono/c/v2").stat("v2.0.0");
      assertThat(new String(info.json(), UTF_8)).isEqualTo(
          "{\"Version\":\"v2.0.0\",\"Time\":\"2020-01-03T15:00:00Z\",\"Origin\":{\"VCS\":\"git\","
              + "\"URL\":\"https://github.com/verrules/mono\",\"Subdir\":\"c\","
              + "\"Ref\":\"refs/tags/c/v2.0.0\",\"Hash\":\"" + info.origin().hash() + "\"}}");
    }
  }

  @Test
  @DisplayName("zip sources point at the module root: major subdirectory, subdirectory or root")
  void zipSources() throws IOException {
    try (Repository git = open("github.com/verrules/mono")) {
      assertThat(repo(git, "github.com/verrules/mono/c/v2").zipSource("v2.0.0").moduleDir())
          .isEqualTo("c/v2");
      assertThat(repo(git, "github.com/verrules/mono/sub").zipSource("v1.1.0").moduleDir())
          .isEqualTo("sub");
      assertThat(repo(git, "github.com/verrules/mono").zipSource("v1.2.0").moduleDir()).isEmpty();
    }
    try (Repository git = open("github.com/verrules/subv2")) {
      assertThat(repo(git, "github.com/verrules/subv2/v2").zipSource("v2.0.0").moduleDir())
          .isEqualTo("v2");
    }
  }

  @Test
  @DisplayName("refuses .mod for non-canonical versions and versions that resolve to another one")
  void goModNeedsExactVersion() throws IOException {
    try (Repository git = open("github.com/verrules/legacy")) {
      ModuleRepo legacy = repo(git, "github.com/verrules/legacy");
      assertThat(new String(legacy.goMod("v2.0.0+incompatible"), UTF_8))
          .isEqualTo("module github.com/verrules/legacy\n");
      assertThatThrownBy(() -> legacy.goMod("v2.0.0")).isInstanceOf(NotFoundException.class)
          .hasMessageContaining("resolves to v2.0.0+incompatible");
      assertThatThrownBy(() -> legacy.goMod("v1.0")).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> legacy.zipSource("main")).isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  @DisplayName("stat(\"latest\") is the HEAD commit's version; a path outside the repository is rejected")
  void headAndMismatch() throws IOException {
    try (Repository git = open("github.com/verrules/basic")) {
      RevInfo head = repo(git, "github.com/verrules/basic").stat("latest");
      assertThat(head.version()).startsWith("v1.4.2-0.20200108100000-");
      assertThat(head.origin().ref()).isEqualTo("HEAD");
      assertThatThrownBy(() -> new ModuleRepo(git, "https://github.com/verrules/basic",
          "github.com/verrules/basic", "github.com/verrules/basicx"))
          .isInstanceOf(NotFoundException.class);
    }
  }

  private static ModuleRepo repo(Repository git, String module) {
    return new ModuleRepo(git, VersionRuleRepos.repoUrl(module), VersionRuleRepos.codeRoot(module),
        module);
  }

  private static Repository open(String module) throws IOException {
    return new FileRepositoryBuilder().setGitDir(repos.repoDir(module).toFile()).setBare()
        .setMustExist(true).build();
  }
}
