package io.goproxymirror.gomod;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoModFileTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Optional<String> modulePath(String goMod) {
    return GoModFile.modulePath(bytes(goMod));
  }

  @Test
  @DisplayName("reads a bare module path, with or without a trailing newline and comments")
  void barePath() {
    assertThat(modulePath("module github.com/pkg/errors\n")).contains("github.com/pkg/errors");
    assertThat(modulePath("module example.com/m")).contains("example.com/m");
    assertThat(modulePath("// header\n\nmodule example.com/m // the module\n\ngo 1.21\n"))
        .contains("example.com/m");
    assertThat(modulePath("\t module\texample.com/m\r\n")).contains("example.com/m");
    assertThat(modulePath("module example.com/m//comment")).contains("example.com/m");
  }

  @Test
  @DisplayName("reads quoted and backquoted paths")
  void quotedPaths() {
    assertThat(modulePath("module \"gopkg.in/yaml.v3\"\n")).contains("gopkg.in/yaml.v3");
    assertThat(modulePath("module `example.com/raw`\n")).contains("example.com/raw");
    assertThat(modulePath("module \"example.com/\\x41\\u0042\"\n")).contains("example.com/AB");
    assertThat(modulePath("module \"example.com/a\\\"b\"\n")).contains("example.com/a\"b");
    assertThat(modulePath("module \"example.com/\\101\\t\"\n")).contains("example.com/A\t");
    assertThat(modulePath("module \"example.com/\\U0001F600\"\n")).contains("example.com/\uD83D\uDE00");
  }

  @Test
  @DisplayName("reads the single path of a module block")
  void blockForm() {
    assertThat(modulePath("module (\n\texample.com/m\n)\n")).contains("example.com/m");
    assertThat(modulePath("module ( // comment\n  \"example.com/q\" // c\n)\ngo 1.20\n"))
        .contains("example.com/q");
  }

  @Test
  @DisplayName("ignores module-like lines inside other blocks")
  void otherBlocks() {
    assertThat(modulePath("require (\n\tmodule v1.0.0\n)\nmodule example.com/m\n"))
        .contains("example.com/m");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("is empty when the module directive is missing or malformed")
  @ValueSource(strings = {
      "",
      "go 1.21\n",
      "// module example.com/m\n",
      "module\n",
      "module \"\"\n",
      "module a b\n",
      "module example.com/m\nmodule example.com/n\n",
      "module (\n\texample.com/m\n",
      "module (\n\texample.com/m\n\texample.com/n\n)\n",
      "module ( example.com/m )\n",
      "module \"unterminated\n",
      "module \"example.com/m\n\"\n",
      "module `multi\nline`\n",
      "module \"bad\\qescape\"\n",
      "module \"bad\\xff\"\n",
      "module \"bad\\400\"\n",
      "module \"bad\\ud800\"\n",
      "module \"bad\\U00110000\"\n",
      "module \"bad\\x4\"\n",
      "module \"bad\\\"\n",
      "module example.com/'m'\n",
      "module example.com/m /* c */\n",
      "modules example.com/m\n",
      "module example.com/m,\n"})
  void missingOrMalformed(String goMod) {
    assertThat(modulePath(goMod)).isEmpty();
  }

  @Test
  @DisplayName("is empty for bytes that are not UTF-8")
  void notUtf8() {
    assertThat(GoModFile.modulePath(new byte[] {'m', 'o', 'd', 'u', 'l', 'e', ' ', (byte) 0xff}))
        .isEmpty();
  }

  @Test
  @DisplayName("reads the go directive")
  void goVersion() {
    assertThat(GoModFile.goVersion(bytes("module example.com/m\n\ngo 1.21\n"))).contains("1.21");
    assertThat(GoModFile.goVersion(bytes("module m\ngo 1.24.0 // pinned\n"))).contains("1.24.0");
    assertThat(GoModFile.goVersion(bytes("go 1.22rc1\n"))).contains("1.22rc1");
    assertThat(GoModFile.goVersion(bytes("module example.com/m\n"))).isEmpty();
    assertThat(GoModFile.goVersion(bytes("go 1.21\ngo 1.22\n"))).isEmpty();
    assertThat(GoModFile.goVersion(bytes("go\n"))).isEmpty();
    assertThat(GoModFile.goVersion(bytes("go banana\n"))).isEmpty();
  }

  @Test
  @DisplayName("reduces a malformed go version to major.minor as lax parsing does")
  void laxGoVersion() {
    assertThat(GoModFile.goVersion(bytes("go 1.21-custom\n"))).contains("1.21");
    assertThat(GoModFile.goVersion(bytes("go v1.18.x\n"))).contains("1.18");
  }
}
