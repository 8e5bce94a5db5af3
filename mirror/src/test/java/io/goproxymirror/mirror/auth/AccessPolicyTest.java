package io.goproxymirror.mirror.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.gomod.PathPatterns;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("access rules")
class AccessPolicyTest {
  static final List<AccessRule> RULES = List.of(
      AccessRule.of("git.corp.example.com/secret/*", List.of("security")),
      AccessRule.of("git.corp.example.com/*", List.of("developers", "ci")));

  static AccessSettings settings(Anonymous anonymous) {
    return new AccessSettings(anonymous, RULES, PathPatterns.parse("*.internal.example.com"),
        PathPatterns.parse("example.org/vendored"));
  }

  private static final Principal DEV = new Principal("dev", Set.of("developers"), Principal.Kind.USER);
  private static final Principal NOBODY = new Principal("nobody", Set.of(), Principal.Kind.USER);
  private static final Principal ADMIN = new Principal("root", Set.of("admin"), Principal.Kind.USER);

  @Test
  @DisplayName("the first matching rule wins, with GOPRIVATE-style globs")
  void firstMatch() {
    AccessPolicy policy = new AccessPolicy(settings(Anonymous.PUBLIC));
    AccessPolicy.Requirement secret = policy.requirement(Resource.module("git.corp.example.com/secret/keys/v2"));
    assertThat(secret.open()).isFalse();
    assertThat(secret.groups()).containsExactly("security");
    assertThat(secret.admits(DEV)).isFalse();
    AccessPolicy.Requirement app = policy.requirement(Resource.module("git.corp.example.com/app"));
    assertThat(app.groups()).containsExactlyInAnyOrder("developers", "ci");
    assertThat(app.admits(DEV)).isTrue();
    assertThat(app.admits(NOBODY)).isFalse();
    assertThat(app.forbidden()).startsWith("forbidden:").doesNotContain("git.corp.example.com");
  }

  @Test
  @DisplayName("private and noproxy modules need any principal; other modules follow anonymous")
  void privateAndAnonymous() {
    AccessPolicy open = new AccessPolicy(settings(Anonymous.PUBLIC));
    for (String path : List.of("git.internal.example.com/x", "example.org/vendored/sub")) {
      AccessPolicy.Requirement r = open.requirement(Resource.module(path));
      assertThat(r.open()).as(path).isFalse();
      assertThat(r.admits(NOBODY)).as(path).isTrue();
    }
    assertThat(open.requirement(Resource.module("github.com/public/lib")).open()).isTrue();
    assertThat(open.requirement(Resource.status()).open()).isTrue();
    AccessPolicy closed = new AccessPolicy(settings(Anonymous.NONE));
    assertThat(closed.requirement(Resource.module("github.com/public/lib")).open()).isFalse();
    assertThat(closed.requirement(Resource.module("github.com/public/lib")).admits(NOBODY)).isTrue();
    assertThat(closed.requirement(Resource.status()).open()).isFalse();
  }

  @Test
  @DisplayName("the admin API needs group admin")
  void admin() {
    AccessPolicy.Requirement admin = new AccessPolicy(settings(Anonymous.PUBLIC)).requirement(Resource.admin());
    assertThat(admin.open()).isFalse();
    assertThat(admin.admits(ADMIN)).isTrue();
    assertThat(admin.admits(DEV)).isFalse();
  }

  @Test
  @DisplayName("rules and anonymous are checked when built")
  void validation() {
    assertThatThrownBy(() -> AccessRule.of("a b", List.of("x"))).hasMessageStartingWith("pattern: invalid pattern");
    assertThatThrownBy(() -> AccessRule.of("", List.of("x"))).hasMessageContaining("pattern: must not be empty");
    assertThatThrownBy(() -> AccessRule.of("corp.example.com", List.of())).hasMessageContaining("groups: must name");
    assertThatThrownBy(() -> AccessRule.of("corp.example.com", List.of("ok", " "))).hasMessageContaining("groups[1]");
    assertThat(Anonymous.parse(" None ")).isEqualTo(Anonymous.NONE);
    assertThatThrownBy(() -> Anonymous.parse("private")).hasMessageContaining("public or none");
  }
}
