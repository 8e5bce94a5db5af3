package io.goproxymirror.mirror.fetch.git.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.NotFoundException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RepoTemplatesTest {
  private final RepoTemplates templates = new RepoTemplates(List.of(
      new RepoTemplate("git.corp.example.com/platform/mono", 0, "ssh://git@git.corp.example.com:2222/platform/mono.git"),
      new RepoTemplate("git.corp.example.com/", "ssh://git@git.corp.example.com:2222/{path}.git"),
      new RepoTemplate("go.corp.example.com", 1, "https://code.corp.example.com/go/{path}?root={root}")));

  @Test
  @DisplayName("the first rule whose prefix is a path prefix names the repository")
  void expandsTemplates() {
    assertThat(templates.lookup("git.corp.example.com/team/lib/sub/v2")).contains(new RepoRoot(
        "git.corp.example.com/team/lib", "ssh://git@git.corp.example.com:2222/team/lib.git", "git"));
    assertThat(templates.lookup("git.corp.example.com/team/lib")).contains(new RepoRoot(
        "git.corp.example.com/team/lib", "ssh://git@git.corp.example.com:2222/team/lib.git", "git"));
    assertThat(templates.lookup("go.corp.example.com/tool/cmd")).contains(new RepoRoot(
        "go.corp.example.com/tool", "https://code.corp.example.com/go/tool?root=go.corp.example.com/tool", "git"));
  }

  @Test
  @DisplayName("configured order decides, so a more specific rule listed first wins")
  void firstMatchInOrder() {
    assertThat(templates.lookup("git.corp.example.com/platform/mono/svc/a")).contains(new RepoRoot(
        "git.corp.example.com/platform/mono", "ssh://git@git.corp.example.com:2222/platform/mono.git", "git"));
  }

  @Test
  @DisplayName("prefixes match on element boundaries only")
  void elementBoundaries() {
    assertThat(templates.lookup("git.corp.example.community/a/b")).isEmpty();
    assertThat(templates.lookup("go.corp.example.com.evil/a")).isEmpty();
    assertThat(templates.lookup("github.com/acme/x")).isEmpty();
  }

  @Test
  @DisplayName("a module path with too few elements for its rule is not found")
  void tooFewElements() {
    assertThatThrownBy(() -> templates.lookup("git.corp.example.com/team"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("git.corp.example.com/team: repositories under git.corp.example.com are named by 2");
    assertThatThrownBy(() -> templates.lookup("git.corp.example.com")).isInstanceOf(NotFoundException.class);
  }

  @Test
  @DisplayName("unusable rules are rejected when configured; credentials stay out of toString")
  void validation() {
    assertThatThrownBy(() -> new RepoTemplate("", "https://x/{path}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RepoTemplate("/", "https://x/{path}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RepoTemplate("a.example", -1, "https://x/{path}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RepoTemplate("a.example", " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RepoTemplate("a.example", "https://x/{repo}.git"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown placeholder {repo}");
    assertThat(new RepoTemplate("a.example/", "https://x/{path}").prefix()).isEqualTo("a.example");
    assertThat(new RepoTemplate("a.example", "https://bot:s3cret@x/{path}").toString()).doesNotContain("s3cret");
    assertThat(new RepoTemplates(List.of()).isEmpty()).isTrue();
  }
}
