package io.goproxymirror.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CaseEscapingTest {

  @ParameterizedTest(name = "[{index}] {0} <-> {1}")
  @DisplayName("escapes upper-case letters in module paths and unescapes them back")
  @CsvSource({
      "github.com/Azure/x, github.com/!azure/x",
      "github.com/Azure/go-autorest/autorest, github.com/!azure/go-autorest/autorest",
      "github.com/GoogleCloudPlatform/cloudsql-proxy, github.com/!google!cloud!platform/cloudsql-proxy",
      "github.com/Sirupsen/logrus, github.com/!sirupsen/logrus",
      "github.com/pkg/errors, github.com/pkg/errors",
      "example.com/ABC, example.com/!a!b!c",
      "gopkg.in/yaml.v3, gopkg.in/yaml.v3"})
  void pathRoundTrip(String path, String escaped) {
    assertThat(CaseEscaping.escapePath(path)).isEqualTo(escaped);
    assertThat(CaseEscaping.unescapePath(escaped)).isEqualTo(path);
  }

  @ParameterizedTest(name = "[{index}] {0} <-> {1}")
  @DisplayName("escapes upper-case letters in versions and unescapes them back")
  @CsvSource({
      "v1.0.0-RC1, v1.0.0-!r!c1",
      "v1.0.0, v1.0.0",
      "v2.0.0+incompatible, v2.0.0+incompatible",
      "Master, !master",
      "feature-X, feature-!x",
      "abc1234, abc1234"})
  void versionRoundTrip(String version, String escaped) {
    assertThat(CaseEscaping.escapeVersion(version)).isEqualTo(escaped);
    assertThat(CaseEscaping.unescapeVersion(escaped)).isEqualTo(version);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("refuses to escape invalid module paths")
  @ValueSource(strings = {"", "Example.com/x", "example.com/v1", "example.com/a!b", "example.com/é"})
  void escapePathRejectsInvalidPaths(String path) {
    assertThatThrownBy(() -> CaseEscaping.escapePath(path))
        .isInstanceOf(InvalidModuleException.class);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("refuses to escape versions that are not plain file-name elements")
  @ValueSource(strings = {"", "feature/x", "a!b", "..", "v1.0.0.", "é", "a:b", "con"})
  void escapeVersionRejectsBadVersions(String version) {
    assertThatThrownBy(() -> CaseEscaping.escapeVersion(version))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageContaining("disallowed version string");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("rejects escaped module paths with raw upper case, bad '!' or non-ASCII")
  @ValueSource(strings = {
      "github.com/Azure/x", "github.com/!Azure/x", "github.com/!!azure/x", "github.com/!1/x",
      "github.com/azure/x!", "github.com/!/x", "github.com/äzure/x", "github.com/!é/x"})
  void unescapePathRejectsBadEscapes(String escaped) {
    assertThatThrownBy(() -> CaseEscaping.unescapePath(escaped))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageStartingWith("invalid escaped module path");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("rejects escaped module paths that decode to invalid module paths")
  @ValueSource(strings = {"!example.com/x", "example.com/v1", "example.com//x", "example", ""})
  void unescapePathValidatesTheResult(String escaped) {
    assertThatThrownBy(() -> CaseEscaping.unescapePath(escaped))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageContaining("malformed module path");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("rejects escaped versions with bad escapes or that are not file-name elements")
  @ValueSource(strings = {
      "", "v1.0.0-RC1", "v1.0.0-!", "v1.0.0-!1", "a/b", "..", ".", "a:b", "v1.0.0.", "é"})
  void unescapeVersionRejectsBadInput(String escaped) {
    assertThatThrownBy(() -> CaseEscaping.unescapeVersion(escaped))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageStartingWith("invalid escaped version");
  }
}
