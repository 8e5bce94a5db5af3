package io.goproxymirror.sync.expansion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.sync.port.ModuleVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("GoSumFile and ProjectFile")
class GoSumFileTest {

  private static final String SUM =
      """
      github.com/spf13/cobra v1.8.0 h1:7aJaZx1B85qltLMc546zn58BxxfZdR/W22ej9CFoEf0=
      github.com/spf13/cobra v1.8.0/go.mod h1:WXLWApfZ71AjXPya3WOlMsY9yMs7YeiHhFVlvLyhcho=

      github.com/spf13/pflag v1.0.5/go.mod h1:McXfInJRrz4CZXVZOBLb0bTZqETkiAhM9Iw0y3An2Bg=
      golang.org/x/mod v0.14.0 h1:dGoOF9QVLYng8IHTm7BAyWqCqSheQ5pYWGhzW00YJr0=
      """;

  private static ModuleVersion mv(String path, String version) {
    return new ModuleVersion(path, version);
  }

  @Test
  @DisplayName("lists each version once, whether by its zip hash, its go.mod hash or both")
  void versions() {
    assertThat(GoSumFile.parse(SUM))
        .containsExactly(
            mv("github.com/spf13/cobra", "v1.8.0"),
            mv("github.com/spf13/pflag", "v1.0.5"),
            mv("golang.org/x/mod", "v0.14.0"));
  }

  @Test
  @DisplayName("accepts CRLF and tabs between fields")
  void blanks() {
    assertThat(GoSumFile.parse("example.com/a\tv1.0.0\th1:abc=\r\n\r\n"))
        .containsExactly(mv("example.com/a", "v1.0.0"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "example.com/a v1.0.0 | go.sum:1: expected \"module version hash\", got 2 fields",
        "example.com/a v1.0.0 h1:x= extra | go.sum:1: expected \"module version hash\", got 4 fields",
        "example.com/a v1.0.0 sha256:abc | go.sum:1: malformed hash \"sha256:abc\"",
        "example.com/a v1.0.0 h1: | go.sum:1: malformed hash \"h1:\"",
        "example.com/a v1.0.0/go.sum h1:x= | go.sum:1: malformed version \"v1.0.0/go.sum\"",
      })
  @DisplayName("refuses a malformed line, naming it")
  void malformed(String line, String message) {
    assertThatThrownBy(() -> GoSumFile.parse(line))
        .isInstanceOf(ProjectFileSyntaxException.class)
        .hasMessage(message);
  }

  @Test
  @DisplayName("counts lines from 1, blank ones included")
  void lineNumbers() {
    assertThatThrownBy(() -> GoSumFile.parse("example.com/a v1.0.0 h1:x=\n\nbroken\n"))
        .isInstanceOfSatisfying(
            ProjectFileSyntaxException.class, e -> assertThat(e.line()).isEqualTo(3));
  }

  @Test
  @DisplayName("tells a go.sum from a go.mod by its first line")
  void detects() {
    assertThat(ProjectFile.detect(SUM)).isEqualTo(ProjectFile.GO_SUM);
    assertThat(ProjectFile.detect("\n\nexample.com/a v1.0.0/go.mod h1:abc=\n"))
        .isEqualTo(ProjectFile.GO_SUM);
    assertThat(ProjectFile.detect("module example.com/app\n\nrequire example.com/a v1.0.0\n"))
        .isEqualTo(ProjectFile.GO_MOD);
    assertThat(ProjectFile.detect("// comment first\nmodule example.com/app\n"))
        .isEqualTo(ProjectFile.GO_MOD);
    assertThat(ProjectFile.detect("require example.com/a v1.0.0\n")).isEqualTo(ProjectFile.GO_MOD);
  }

  @Test
  @DisplayName("reads the versions of either kind")
  void versionsOfEither() {
    assertThat(ProjectFile.versions(SUM.getBytes(StandardCharsets.UTF_8))).hasSize(3);
    assertThat(
            ProjectFile.versions(
                "module m\nrequire example.com/a v1.0.0\n".getBytes(StandardCharsets.UTF_8)))
        .containsExactly(mv("example.com/a", "v1.0.0"));
  }
}
