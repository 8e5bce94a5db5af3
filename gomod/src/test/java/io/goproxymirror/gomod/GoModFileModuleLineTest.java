package io.goproxymirror.gomod;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GoModFile's quick module-line scan and synthesized go.mod")
class GoModFileModuleLineTest {
  private static String declared(String goMod) {
    return GoModFile.declaredModulePath(goMod.getBytes(UTF_8));
  }

  @Test
  @DisplayName("reads bare, quoted and commented module lines like the go command's quick scan")
  void declared() {
    assertThat(declared("// c\nmodule example.com/m // x\r\n")).isEqualTo("example.com/m");
    assertThat(declared("module \"example.com/q\"\n")).isEqualTo("example.com/q");
    assertThat(declared("module `example.com/raw`\n")).isEqualTo("example.com/raw");
    assertThat(declared("module \"broken\n")).isEmpty();
    assertThat(declared("modulex example.com/m\n")).isEmpty();
    assertThat(declared("go 1.16\n")).isEmpty();
  }

  @Test
  @DisplayName("synthesizes module <path> with nothing else")
  void synthesized() {
    assertThat(new String(GoModFile.synthesized("github.com/A/b"), UTF_8))
        .isEqualTo("module github.com/A/b\n");
  }
}
