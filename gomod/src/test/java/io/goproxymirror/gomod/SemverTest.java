package io.goproxymirror.gomod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @DisplayName("canonicalizes shorthands and drops build metadata except +incompatible")
  @CsvSource({
      "v1, v1.0.0",
      "v1.2, v1.2.0",
      "v1.2.3, v1.2.3",
      "v1.2.3-rc.1, v1.2.3-rc.1",
      "v1.2.3+meta, v1.2.3",
      "v1.2.3-pre+meta.1, v1.2.3-pre",
      "v2.0.0+incompatible, v2.0.0+incompatible",
      "v2.0.0+Incompatible, v2.0.0",
      "v2.0.0+incompatible.1, v2.0.0",
      "v0.0.0-20191109021931-daa7c04131f5, v0.0.0-20191109021931-daa7c04131f5"})
  void canonical(String version, String canonical) {
    assertThat(Semver.isValid(version)).isTrue();
    assertThat(Semver.canonical(version)).isEqualTo(canonical);
    assertThat(Semver.isCanonical(version)).isEqualTo(version.equals(canonical));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("rejects malformed versions")
  @ValueSource(strings = {
      "", "v", "1.2.3", "V1.2.3", "v1.2.3.4", "v01.2.3", "v1.02.3", "v1.2.03", "v1.2.3-01",
      "v1.2.3-a.01", "v1.2.3-a..b", "v1.2.3-", "v1.2.3+", "v1.2.3+a..b", "v1.2.3-a+b+c",
      "v1.2-rc1", "v1-rc", "v1.2.3-ä", "master", "v1.0.0/x", " v1.0.0"})
  void invalid(String version) {
    assertThat(Semver.isValid(version)).isFalse();
    assertThat(Semver.canonical(version)).isEmpty();
    assertThat(Semver.isCanonical(version)).isFalse();
    assertThat(Semver.major(version)).isEmpty();
  }

  @Test
  @DisplayName("accepts numeric pre-release zero, leading-zero build parts and huge numbers")
  void validEdgeCases() {
    assertThat(Semver.isValid("v1.2.3-0")).isTrue();
    assertThat(Semver.isValid("v1.2.3-0a")).isTrue();
    assertThat(Semver.isValid("v1.2.3+a.01")).isTrue();
    assertThat(Semver.isValid("v99999999999999999999.0.0")).isTrue();
    assertThat(Semver.isCanonical(null)).isFalse();
  }

  @ParameterizedTest(name = "[{index}] {0}: major {1}, prerelease \"{2}\", build \"{3}\"")
  @DisplayName("reports major, pre-release and build parts")
  @CsvSource({
      "v2.1.0, v2, '', ''",
      "v1, v1, '', ''",
      "v1.2.3-rc.1, v1, -rc.1, ''",
      "v2.0.0+incompatible, v2, '', +incompatible",
      "v0.0.0-20191109021931-daa7c04131f5, v0, -20191109021931-daa7c04131f5, ''",
      "v1.0.0-a+b.c, v1, -a, +b.c"})
  void parts(String version, String major, String prerelease, String build) {
    assertThat(Semver.major(version)).isEqualTo(major);
    assertThat(Semver.prerelease(version)).isEqualTo(prerelease);
    assertThat(Semver.build(version)).isEqualTo(build);
  }

  @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
  @DisplayName("compares by semver precedence")
  @CsvSource({
      "v1.0.0, v1.0.0, 0",
      "v1, v1.0.0, 0",
      "v1.2, v1.2.0, 0",
      "v1.0.0, v1.0.1, -1",
      "v1.10.0, v1.9.0, 1",
      "v10.0.0, v9.0.0, 1",
      "v1.0.0-rc.1, v1.0.0, -1",
      "v1.0.0-alpha, v1.0.0-alpha.1, -1",
      "v1.0.0-alpha.1, v1.0.0-alpha.beta, -1",
      "v1.0.0-alpha.beta, v1.0.0-beta, -1",
      "v1.0.0-beta.2, v1.0.0-beta.11, -1",
      "v1.0.0-rc.2, v1.0.0-rc.10, -1",
      "v1.0.0-1, v1.0.0-alpha, -1",
      "v1.0.0-a, v1.0.0-B, 1",
      "v2.0.0+incompatible, v2.0.0, 0",
      "v1.0.0+a, v1.0.0+b, 0",
      "v0.0.0-20191109021931-daa7c04131f5, v0.0.1, -1",
      "v1.2.4-0.20191109021931-daa7c04131f5, v1.2.3, 1",
      "v1.2.4-0.20191109021931-daa7c04131f5, v1.2.4, -1",
      "bad, v0.0.0, -1",
      "v0.0.0, bad, 1",
      "bad, worse, 0",
      "v99999999999999999999.0.0, v99999999999999999998.0.0, 1"})
  void compare(String a, String b, int expected) {
    assertThat(Semver.compare(a, b)).isEqualTo(expected);
    assertThat(Semver.compare(b, a)).isEqualTo(-expected);
  }

  @Test
  @DisplayName("ORDER is a stable total order: precedence first, then string order")
  void order() {
    List<String> versions = new ArrayList<>(List.of(
        "v1.0.0", "v2.0.0+incompatible", "master", "v1.0.0-rc.1", "v2.0.0", "v1.0.0+b",
        "v0.9.0", "abc", "v1.0.0+a", "v1.10.0", "v1.9.0"));
    Collections.shuffle(versions, new Random(42));
    versions.sort(Semver.ORDER);
    assertThat(versions).containsExactly(
        "abc", "master", "v0.9.0", "v1.0.0-rc.1", "v1.0.0", "v1.0.0+a", "v1.0.0+b", "v1.9.0",
        "v1.10.0", "v2.0.0", "v2.0.0+incompatible");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("recognizes the three pseudo-version forms")
  @ValueSource(strings = {
      "v0.0.0-20191109021931-daa7c04131f5",
      "v2.0.0-20191109021931-daa7c04131f5",
      "v1.2.4-0.20191109021931-daa7c04131f5",
      "v1.2.3-pre.0.20191109021931-daa7c04131f5",
      "v0.0.0-20191109021931-daa7c04131f5+incompatible",
      "v1.0.0-0.20191109021931-abc+meta.x"})
  void pseudoVersions(String version) {
    assertThat(Semver.isPseudoVersion(version)).isTrue();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("does not mistake other versions for pseudo-versions")
  @ValueSource(strings = {
      "v1.0.0", "v1.0.0-rc.1", "v1.2.3-pre.0.2019110902193-daa7c04131f5",
      "v2.0.0-pre-20191109021931-daa7c04131f5", "v0.0.0-2019110902193x-daa7c04131f5",
      "v0.0.0-20191109021931-", "v1.2.3-20191109021931-daa7c04131f5", "master", ""})
  void notPseudoVersions(String version) {
    assertThat(Semver.isPseudoVersion(version)).isFalse();
  }
}
