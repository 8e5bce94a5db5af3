package io.goproxymirror.mirror.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.NotFoundException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ModuleLocation places a module in its repository")
class ModuleLocationTest {
  @Test
  @DisplayName("code directory, tag prefix and major subdirectory of subdirectory and /vN modules")
  void layout() {
    ModuleLocation c2 = ModuleLocation.of("github.com/a/r", "github.com/a/r/c/v2");
    assertThat(c2.codeDir()).isEqualTo("c");
    assertThat(c2.tagPrefix()).isEqualTo("c/");
    assertThat(c2.pathMajor()).isEqualTo("/v2");
    assertThat(c2.pseudoMajor()).isEqualTo("v2");
    assertThat(c2.majorSubdirectory()).contains("c/v2");
    assertThat(c2.revision("v2.0.0")).isEqualTo("c/v2.0.0");

    ModuleLocation root = ModuleLocation.of("github.com/a/r", "github.com/a/r");
    assertThat(root.tagPrefix()).isEmpty();
    assertThat(root.majorSubdirectory()).isEmpty();
    assertThat(root.revision("v2.0.0+incompatible")).isEqualTo("v2.0.0");
    assertThat(root.revision("v1.0.1-0.20200101000000-abcdefabcdef")).isEqualTo("abcdefabcdef");
    assertThat(root.revision("main")).isEqualTo("main");

    ModuleLocation gopkg = ModuleLocation.of("gopkg.in/yaml.v3", "gopkg.in/yaml.v3");
    assertThat(gopkg.codeDir()).isEmpty();
    assertThat(gopkg.pseudoMajor()).isEqualTo("v3");
    assertThat(gopkg.majorSubdirectory()).isEmpty();
  }

  @Test
  @DisplayName("compares only the major suffix of a go.mod's module line")
  void moduleLines() {
    ModuleLocation v2 = ModuleLocation.of("github.com/a/r", "github.com/a/r/v2");
    assertThat(v2.acceptsModuleLine("example.com/fork/v2")).isTrue();
    assertThat(v2.acceptsModuleLine("github.com/a/r")).isFalse();
    assertThat(v2.acceptsModuleLine("")).isFalse();
    ModuleLocation v1 = ModuleLocation.of("github.com/a/r", "github.com/a/r");
    assertThat(v1.acceptsModuleLine("github.com/a/r")).isTrue();
    assertThat(v1.acceptsModuleLine("gopkg.in/r.v1")).isTrue();
    assertThat(v1.acceptsModuleLine("github.com/a/r/v3")).isFalse();
  }

  @Test
  @DisplayName("rejects a module outside its repository")
  void mismatch() {
    assertThatThrownBy(() -> ModuleLocation.of("github.com/a/r", "github.com/a/rx"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("mismatched repo: found github.com/a/r for github.com/a/rx");
  }
}
