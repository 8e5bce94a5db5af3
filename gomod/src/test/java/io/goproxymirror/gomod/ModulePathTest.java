package io.goproxymirror.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModulePathTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("accepts well-formed module paths")
  @ValueSource(strings = {
      "example.com", "example.com/m", "github.com/Azure/go-autorest/autorest",
      "github.com/pkg/errors", "example.com/v2", "example.com/foo/v2", "example.com/foo/v10",
      "gopkg.in/yaml.v3", "gopkg.in/yaml.v0", "gopkg.in/check.v1", "gopkg.in/user/pkg.v2",
      "gopkg.in/yaml.v3-unstable", "ex-ample.com/x", "a.b/c_d/e~f/g-h", "example.com/x..y",
      "example.com/a~b", "example.com/a~", "example.com/conx", "example.com/com10",
      "0.0/x", "example.com/v", "example.com/v2x"})
  void acceptsValidModulePaths(String path) {
    assertThatCode(() -> ModulePath.checkPath(path)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @DisplayName("rejects malformed module paths with the x/mod reason")
  @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
      "§§|empty string",
      "/example.com|empty path element",
      "example.com/|trailing slash",
      "example.com//x|double slash",
      "-example.com/x|leading dash",
      "example.com/.x|leading dot in path element",
      "example.com/x.|trailing dot in path element",
      "example.com/..|invalid path element",
      "example.com/...|invalid path element",
      "example.com/a b|invalid char ' '",
      "example.com/a+b|invalid char '+'",
      "example.com/a@b|invalid char '@'",
      "example.com/a!b|invalid char '!'",
      "example.com/é|invalid char",
      "example.com/con|disallowed as path element component on Windows",
      "example.com/Con.txt|disallowed as path element component on Windows",
      "example.com/lpt9.x|disallowed as path element component on Windows",
      "example.com/EXAMPL~1|trailing tilde and digits in path element",
      "example.com/EXAMPL~12.txt|trailing tilde and digits in path element",
      "example.com/~1|trailing tilde and digits in path element",
      "Example.com/x|invalid char 'E' in first path element",
      "exa_mple.com/x|invalid char '_' in first path element",
      "example/x|missing dot in first path element",
      "localhost|missing dot in first path element",
      "example.com/v0|invalid version",
      "example.com/v1|invalid version",
      "example.com/foo/v1|invalid version",
      "example.com/foo/v01|invalid version",
      "example.com/foo/v2.1|invalid version",
      "example.com/x/v2.0|invalid version",
      "gopkg.in/yaml|invalid version",
      "gopkg.in/yaml.v01|invalid version",
      "gopkg.in/yaml.v0-unstable|invalid version",
      "gopkg.in/v2|invalid version"})
  void rejectsMalformedModulePaths(String path, String reason) {
    assertThatThrownBy(() -> ModulePath.checkPath(path))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageStartingWith("malformed module path \"")
        .hasMessageContaining(reason);
  }

  @Test
  @DisplayName("a leading dash in the host is reported for the whole path")
  void leadingDashInHost() {
    assertThatThrownBy(() -> ModulePath.checkPath("-x.com/y"))
        .hasMessage("malformed module path \"-x.com/y\": leading dash");
  }

  @Test
  @DisplayName("import paths allow '+' and leading dots but keep the tilde and Windows rules")
  void importPaths() {
    assertThatCode(() -> ModulePath.checkImportPath("example.com/c++")).doesNotThrowAnyException();
    assertThatCode(() -> ModulePath.checkImportPath("example.com/.hidden"))
        .doesNotThrowAnyException();
    assertThatCode(() -> ModulePath.checkImportPath("fmt")).doesNotThrowAnyException();
    assertThatThrownBy(() -> ModulePath.checkImportPath("example.com/PROGRA~1"))
        .hasMessageStartingWith("malformed import path")
        .hasMessageContaining("trailing tilde");
    assertThatThrownBy(() -> ModulePath.checkImportPath("example.com/aux"))
        .hasMessageContaining("disallowed as path element component on Windows");
    assertThatThrownBy(() -> ModulePath.checkImportPath("-x"))
        .hasMessageContaining("leading dash");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("accepts file paths with punctuation, Unicode letters, leading dots and dashes")
  @ValueSource(strings = {
      "a.go", ".gitignore", "-dash", "dir/a.go", "a b.txt", "a#b",
      "a$b%c&d(e)f+g,h-i.j=k@l[m]n^o_p{q}r~s", "é.txt", "日本語.go", "EXAMPL~1", "conx",
      "a..b", "go.mod", "Go.mod", "x/y/z/LICENSE"})
  void acceptsValidFilePaths(String path) {
    assertThatCode(() -> ModulePath.checkFilePath(path)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @DisplayName("rejects file paths the go command refuses")
  @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
      "a:b.txt|invalid char ':'",
      "a*b|invalid char '*'",
      "a?b|invalid char '?'",
      "a\"b|invalid char '\"'",
      "a<b|invalid char '<'",
      "a>b|invalid char '>'",
      "a\\b|invalid char '\\\\'",
      "a`b|invalid char '`'",
      "a;b|invalid char ';'",
      "١.txt|invalid char",
      "😀.txt|invalid char",
      "con.txt|disallowed as path element component on Windows",
      "x/aux|disallowed as path element component on Windows",
      "a/./b|invalid path element",
      "a/../b|invalid path element",
      "..|invalid path element",
      "a.|trailing dot in path element",
      "a/|trailing slash",
      "/a|empty path element",
      "a//b|double slash"})
  void rejectsInvalidFilePaths(String path, String reason) {
    assertThatThrownBy(() -> ModulePath.checkFilePath(path))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageStartingWith("malformed file path")
        .hasMessageContaining(reason);
  }

  @Test
  @DisplayName("rejects control characters and unpaired surrogates in file paths")
  void rejectsControlCharactersInFilePaths() {
    assertThatThrownBy(() -> ModulePath.checkFilePath("a\nb")).hasMessageContaining("invalid char");
    assertThatThrownBy(() -> ModulePath.checkFilePath("a\u0000b")).hasMessageContaining("invalid char");
    assertThatThrownBy(() -> ModulePath.checkFilePath("a\ud800b")).hasMessageContaining("invalid UTF-8");
    assertThatThrownBy(() -> ModulePath.checkFilePath("a|b")).hasMessageContaining("invalid char '|'");
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1} + {2}")
  @DisplayName("splits off the major-version suffix")
  @CsvSource(delimiter = '|', value = {
      "example.com|example.com|''",
      "example.com/m|example.com/m|''",
      "example.com/v2|example.com|/v2",
      "example.com/foo/v10|example.com/foo|/v10",
      "example.com/foo/v2x|example.com/foo/v2x|''",
      "example.com/foo/vv2|example.com/foo/vv2|''",
      "gopkg.in/yaml.v3|gopkg.in/yaml|.v3",
      "gopkg.in/yaml.v0|gopkg.in/yaml|.v0",
      "gopkg.in/check.v1|gopkg.in/check|.v1",
      "gopkg.in/yaml.v3-unstable|gopkg.in/yaml|.v3-unstable"})
  void splitsPathMajor(String path, String prefix, String pathMajor) {
    assertThat(ModulePath.split(path)).contains(new PathMajor(prefix, pathMajor));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("has no split for malformed suffixes")
  @ValueSource(strings = {
      "example.com/v0", "example.com/v1", "example.com/foo/v01", "example.com/foo/v2.1",
      "gopkg.in/yaml", "gopkg.in/yaml.v01", "gopkg.in/yaml.v0-unstable"})
  void noSplitForMalformedSuffix(String path) {
    assertThat(ModulePath.split(path)).isEqualTo(Optional.empty());
  }

  @ParameterizedTest(name = "[{index}] {0} with \"{1}\" -> {2}")
  @DisplayName("matches versions against the path's major suffix")
  @CsvSource(delimiter = '|', value = {
      "v0.1.0|''|true",
      "v1.2.3|''|true",
      "v2.0.0|''|false",
      "v2.0.0+incompatible|''|true",
      "v3.1.0+incompatible|''|true",
      "v2.0.0|/v2|true",
      "v2.0.0+incompatible|/v2|true",
      "v3.0.0|/v2|false",
      "v1.0.0|/v2|false",
      "v1.0.0|.v1|true",
      "v2.0.0|.v1|false",
      "v0.0.0-20161208181325-20d25e280405|.v1|true",
      "v0.0.0-20161208181325-20d25e280405|.v2|false",
      "v0.1.0|.v0|true",
      "v3.0.0|.v3-unstable|true",
      "v2.0.0|.v3-unstable|false",
      "master|''|false",
      "v2.0.0|v2|false"})
  void matchesMajor(String version, String pathMajor, boolean expected) {
    assertThat(ModulePath.matchesMajor(version, pathMajor)).isEqualTo(expected);
  }

  @Test
  @DisplayName("check accepts valid pairs, including non-canonical semver and +incompatible")
  void checkAcceptsValidPairs() {
    assertThatCode(() -> ModulePath.check("example.com/m", "v1.2.3")).doesNotThrowAnyException();
    assertThatCode(() -> ModulePath.check("example.com/m", "v1.2")).doesNotThrowAnyException();
    assertThatCode(() -> ModulePath.check("github.com/gomodule/redigo", "v2.0.0+incompatible"))
        .doesNotThrowAnyException();
    assertThatCode(() -> ModulePath.check("example.com/m/v2", "v2.0.0-rc.1"))
        .doesNotThrowAnyException();
    assertThatCode(() -> ModulePath.check("gopkg.in/check.v1",
        "v0.0.0-20161208181325-20d25e280405")).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("check rejects bad paths, non-semver versions and major mismatches")
  void checkRejectsBadPairs() {
    assertThatThrownBy(() -> ModulePath.check("example.com/v1", "v1.0.0"))
        .isInstanceOf(InvalidModuleException.class).hasMessageContaining("malformed module path");
    assertThatThrownBy(() -> ModulePath.check("example.com/m", "master"))
        .hasMessage("example.com/m@master: invalid version: not a semantic version");
    assertThatThrownBy(() -> ModulePath.check("example.com/m", "v2.0.0"))
        .hasMessage("example.com/m@v2.0.0: invalid version: should be v0 or v1, not v2");
    assertThatThrownBy(() -> ModulePath.check("example.com/m/v3", "v2.0.0"))
        .hasMessage("example.com/m/v3@v2.0.0: invalid version: should be v3, not v2");
  }
}
