package io.goproxymirror.sync.expansion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.sync.port.ModuleVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("ProjectFile")
class ProjectFileTest {

  private static List<ModuleVersion> versions(String body) {
    return ProjectFile.versions(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("reads a go.mod's requirements as module versions, each once, in file order")
  void goModRequirements() {
    String goMod =
        """
        module example.com/app

        require example.com/b v1.2.0
        require (
        \t"example.com/a" v1.0.0 // indirect
        \texample.com/b v1.2.0
        )
        """;

    assertThat(versions(goMod))
        .containsExactly(
            new ModuleVersion("example.com/b", "v1.2.0"),
            new ModuleVersion("example.com/a", "v1.0.0"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "require (\\n\\texample.com/a v1.0.0\\n | go.mod:1: syntax error (unterminated block",
        "module m\\n/* block */\\n | go.mod:2: mod files must use // comments",
        "require example.com/a\\n | go.mod:1: usage: require module/path v1.2.3",
        "require \"example.com/a v1.0.0\\n | go.mod:1: unterminated quoted string",
        "module m\\n)\\n | go.mod:2: unexpected )",
      })
  @DisplayName("fails a go.mod the go command would refuse with the line it names")
  void goModErrors(String goMod, String message) {
    assertThatThrownBy(() -> versions(goMod.replace("\\n", "\n").replace("\\t", "\t")))
        .isInstanceOf(ProjectFileSyntaxException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(((ProjectFileSyntaxException) e).line())
            .isEqualTo(Integer.parseInt(message.split(":")[1])));
  }
}
