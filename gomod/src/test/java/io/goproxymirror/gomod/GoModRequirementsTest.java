package io.goproxymirror.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("GoModRequirements")
class GoModRequirementsTest {

  private static List<Requirement> parse(String goMod) {
    return GoModRequirements.parse(goMod.getBytes(StandardCharsets.UTF_8));
  }

  private static Requirement mv(String path, String version) {
    return new Requirement(path, version);
  }

  @Test
  @DisplayName("reads single-line and block requires, with comments and // indirect")
  void bothForms() {
    String goMod =
        """
        // Package comment before the module line.
        module example.com/app // the app

        go 1.21
        toolchain go1.21.5

        require github.com/spf13/cobra v1.8.0 // direct

        require (
        \tgithub.com/spf13/pflag v1.0.5 // indirect
        \t// a comment line inside the block

        \tgolang.org/x/mod v0.14.0
        )
        """;

    assertThat(parse(goMod))
        .containsExactly(
            mv("github.com/spf13/cobra", "v1.8.0"),
            mv("github.com/spf13/pflag", "v1.0.5"),
            mv("golang.org/x/mod", "v0.14.0"));
  }

  @Test
  @DisplayName("unquotes double-quoted and back-quoted paths and versions")
  void quoted() {
    String goMod =
        """
        module "example.com/app"
        require "example.com/quoted" v1.0.0
        require (
        \t`example.com/raw` "v2.0.0+incompatible"
        \t"example.com/esc\\"aped" v0.0.0-20240101000000-abcdefabcdef
        )
        """;

    assertThat(parse(goMod))
        .containsExactly(
            mv("example.com/quoted", "v1.0.0"),
            mv("example.com/raw", "v2.0.0+incompatible"),
            mv("example.com/esc\"aped", "v0.0.0-20240101000000-abcdefabcdef"));
  }

  @Test
  @DisplayName("skips replace, exclude, retract, tool, godebug and unknown directives, blocks included")
  void skipsOtherDirectives() {
    String goMod =
        """
        module example.com/app
        godebug default=go1.21
        replace example.com/old v1.0.0 => example.com/new v1.1.0
        replace (
        \texample.com/a => ../a
        \texample.com/b v1.2.3 => example.com/c v1.2.4
        )
        exclude example.com/bad v1.0.1
        retract [v1.0.0, v1.0.5] // published by mistake
        retract (
        \tv1.1.0
        \t[v1.2.0, v1.2.9]
        )
        tool example.com/gen/cmd
        ignore ./testdata
        futuredirective (
        \twith anything v1 v2 v3
        )
        require example.com/kept v1.0.0
        """;

    assertThat(parse(goMod)).containsExactly(mv("example.com/kept", "v1.0.0"));
  }

  @Test
  @DisplayName("accepts CRLF line ends, empty blocks, require( without a space and repeats once")
  void edgeForms() {
    String goMod =
        "module example.com/app\r\n"
            + "require ()\r\n"
            + "require(\r\n"
            + "\texample.com/a v1.0.0\r\n"
            + ")\r\n"
            + "require example.com/a v1.0.0\r\n"
            + "require ( // trailing comment after the paren\n"
            + "  example.com/b v0.1.0//no space before the comment\n"
            + ")\n";

    assertThat(parse(goMod))
        .containsExactly(mv("example.com/a", "v1.0.0"), mv("example.com/b", "v0.1.0"));
  }

  @Test
  @DisplayName("unquotes strings as Go string literals")
  void goEscapes() {
    String goMod = "require \"example.com/\\x41\\u0042\\103\" `v1.0.0`\n";

    assertThat(parse(goMod)).containsExactly(mv("example.com/ABC", "v1.0.0"));
  }

  @Test
  @DisplayName("finds nothing in a go.mod without requires")
  void none() {
    assertThat(parse("module example.com/leaf\n\ngo 1.19\n")).isEmpty();
    assertThat(parse("")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "require (\\n\\texample.com/a v1.0.0\\n | go.mod:1: syntax error (unterminated block",
        "module m\\n/* block */\\n | go.mod:2: mod files must use // comments",
        "require example.com/a\\n | go.mod:1: usage: require module/path v1.2.3",
        "require example.com/a v1 extra\\n | go.mod:1: usage: require module/path v1.2.3",
        "require (\\n\\texample.com/a v1.0.0 v2\\n)\\n | go.mod:2: usage: require module/path v1.2.3",
        "require (\\n\\texample.com/a v1.0.0\\n) x\\n | go.mod:3: syntax error (expected newline after closing paren)",
        "require \"example.com/a v1.0.0\\n | go.mod:1: unterminated quoted string",
        "module m\\n)\\n | go.mod:2: unexpected )",
        "module m\\nrequire \"example.com/\\q\" v1.0.0\\n | go.mod:2: invalid quoted string",
        "module m\\nreplace \"example.com/\\z\" => ../a\\n | go.mod:2: invalid quoted string",
        "module m\\nrequire example.com/a\u00a0b v1.0.0\\n | go.mod:2: unexpected input character 160",
        "\ufeffmodule m\\n | go.mod:1: unexpected input character 65279",
      })
  @DisplayName("names the line of what the go command would refuse")
  void errors(String goMod, String message) {
    assertThatThrownBy(() -> parse(goMod.replace("\\n", "\n").replace("\\t", "\t")))
        .isInstanceOf(GoModSyntaxException.class)
        .hasMessageStartingWith(message);
  }
}
