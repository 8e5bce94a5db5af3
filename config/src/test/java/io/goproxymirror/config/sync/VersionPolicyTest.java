package io.goproxymirror.config.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.gomod.Semver;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("VersionPolicy")
class VersionPolicyTest {

  private static final List<String> NONE = List.of();

  private static VersionPolicy policy(String text) {
    return VersionPolicy.parse(text, false);
  }

  private static VersionPolicy withPrereleases(String text) {
    return VersionPolicy.parse(text, true);
  }

  @Nested
  @DisplayName("parses")
  class Parsing {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "all | all",
          "ALL | all",
          "latest | latest 1",
          "latest 3 | latest 3",
          "  Latest   12 | latest 12",
          "latest 1000 | latest 1000",
          ">= v1.7.0 | >= v1.7.0",
          ">=v1.7.0 | >= v1.7.0",
          ">= v1.2.0, < v2.0.0 | >= v1.2.0, < v2.0.0",
          ">= v1.2.0 < v2.0.0 | >= v1.2.0, < v2.0.0",
          ">v1.2.0,<=v1.4 | > v1.2.0, <= v1.4",
          "= v1.5.0 | = v1.5.0",
          "'>= v1.0.0 ,  <v3.0.0-0 ' | >= v1.0.0, < v3.0.0-0",
        })
    void forms(String text, String normalized) {
      assertThat(policy(text)).hasToString(normalized);
    }

    @Test
    @DisplayName("tells pre-releases apart in toString and equals")
    void prereleaseFlag() {
      assertThat(withPrereleases("all")).hasToString("all (with pre-releases)");
      assertThat(withPrereleases("all")).isNotEqualTo(policy("all"));
      assertThat(policy(">=v1.0.0")).isEqualTo(policy(">= v1.0.0")).hasSameHashCodeAs(policy(">= v1.0.0"));
      assertThat(policy("latest 2").kind()).isEqualTo(VersionPolicy.Kind.LATEST);
      assertThat(policy("latest 2").latestCount()).isEqualTo(2);
      assertThat(policy("all").latestCount()).isZero();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "'' | must not be empty (use all, latest, \"latest N\" or a range such as \">= v1.7.0\" or"
              + " \">= v1.2.0, < v2.0.0\")",
          "lastest 3 | unknown version policy \"lastest 3\" (use all, latest, \"latest N\" or a range"
              + " such as \">= v1.7.0\" or \">= v1.2.0, < v2.0.0\")",
          "v1.7.0 | unknown version policy \"v1.7.0\"",
          "latest 0 | \"latest 0\": N of \"latest N\" must be a whole number from 1 to 1000",
          "latest 1001 | \"latest 1001\": N of \"latest N\" must be a whole number from 1 to 1000",
          "latest -2 | \"latest -2\": N of \"latest N\" must be a whole number from 1 to 1000",
          "latest three | \"latest three\": N of \"latest N\" must be a whole number from 1 to 1000",
          "latest 99999999999 | \"latest 99999999999\": N of",
          ">= 1.7.0 | range \">= 1.7.0\": \"1.7.0\" is not a semantic version such as v1.7.0",
          ">= v1.07.0 | range \">= v1.07.0\": \"v1.07.0\" is not a semantic version",
          ">= | range \">=\": >= is not followed by a version",
          ">= v1.0.0, < | range \">= v1.0.0, <\": < is not followed by a version",
          "=> v1.0.0 | range \"=> v1.0.0\": = is not followed by a version",
          ">= v1.0.0 v2.0.0 | range \">= v1.0.0 v2.0.0\": \"v2.0.0\" has no comparison operator"
              + " (write \">= v2.0.0\" or \"= v2.0.0\")",
        })
    void rejects(String text, String message) {
      assertThatThrownBy(() -> policy(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(message);
    }
  }

  @Nested
  @DisplayName("with a range")
  class Ranges {

    @ParameterizedTest(name = "{0} in \"{1}\" (prerelease {2}): {3}")
    @CsvSource(
        delimiter = '|',
        value = {
          "v1.7.0 | >= v1.7.0 | false | true",
          "v1.6.9 | >= v1.7.0 | false | false",
          "v2.3.1 | >= v1.7.0 | false | true",
          "v1.8.0-rc.1 | >= v1.7.0 | false | false",
          "v1.8.0-rc.1 | >= v1.7.0 | true | true",
          "v1.7.0-rc.1 | >= v1.7.0 | true | false",
          "v1.9.9 | >= v1.2.0, < v2.0.0 | false | true",
          "v2.0.0 | >= v1.2.0, < v2.0.0 | false | false",
          "v2.0.0-rc.1 | >= v1.2.0, < v2.0.0 | true | true",
          "v1.1.9 | >= v1.2.0, < v2.0.0 | false | false",
          "v2.3.0+incompatible | >= v2.0.0 | false | true",
          "v2.3.0+incompatible | < v2.3.0 | false | false",
          "v2.3.0+incompatible | = v2.3.0 | false | true",
          "v1.8.1-0.20240101120000-abcdef123456 | >= v1.7.0 | false | false",
          "v1.8.1-0.20240101120000-abcdef123456 | >= v1.7.0 | true | true",
          "v1.8.1-0.20240101120000-abcdef123456 | > v1.8.0, < v1.8.1 | true | true",
          "v0.0.0-20240101120000-abcdef123456 | >= v0.0.0-0 | true | true",
          "v0.0.0-20240101120000-abcdef123456 | >= v0.0.0 | true | false",
          "v0.0.0-20240101120000-abcdef123456 | >= v0.0.0-0 | false | false",
          "v2.1.1-0.20200104000000-1897d4091a74+incompatible | >= v2.0.0 | true | true",
          "v2.1.1-0.20200104000000-1897d4091a74+incompatible | >= v2.0.0 | false | false",
          "v1.5.0 | > v1.2.0 <= v1.5 | false | true",
          "v1.5.1 | > v1.2.0 <= v1.5 | false | false",
          "master | >= v0.0.0 | true | false",
          "1.8.0 | >= v0.0.0 | true | false",
        })
    void admits(String version, String range, boolean prerelease, boolean admitted) {
      VersionPolicy p = VersionPolicy.parse(range, prerelease);
      assertThat(p.admits(version, NONE)).isEqualTo(admitted);
      assertThat(p.admits(version, List.of("v9.0.0", "v9.1.0"))).as("ignores known versions").isEqualTo(admitted);
    }

    @Test
    @DisplayName("selects every admissible version in range, ascending and distinct")
    void select() {
      List<String> listing =
          List.of("v1.10.0", "v1.2.0", "v1.9.0-rc.1", "v2.0.0", "v1.2.0", "v1.1.0", "junk", "v1.3.0");
      assertThat(policy(">= v1.2.0, < v2.0.0").select(listing)).containsExactly("v1.2.0", "v1.3.0", "v1.10.0");
      assertThat(withPrereleases(">= v1.2.0, < v2.0.0").select(listing))
          .containsExactly("v1.2.0", "v1.3.0", "v1.9.0-rc.1", "v1.10.0");
    }
  }

  @Nested
  @DisplayName("all")
  class All {

    @Test
    @DisplayName("admits every release, and pre-releases only when allowed")
    void admits() {
      assertThat(policy("all").admits("v0.1.0", NONE)).isTrue();
      assertThat(policy("all").admits("v3.0.0+incompatible", NONE)).isTrue();
      assertThat(policy("all").admits("v0.1.0-beta", NONE)).isFalse();
      assertThat(withPrereleases("all").admits("v0.1.0-beta", NONE)).isTrue();
      assertThat(policy("all").admits("v0.0.0-20240101120000-abcdef123456", NONE)).isFalse();
      assertThat(withPrereleases("all").admits("v0.0.0-20240101120000-abcdef123456", NONE)).isTrue();
      assertThat(withPrereleases("all").admits("", NONE)).isFalse();
    }

    @Test
    @DisplayName("selects every admissible version")
    void select() {
      assertThat(policy("all").select(List.of("v1.0.0", "v0.9.0", "v1.0.0-rc.1", "latest")))
          .containsExactly("v0.9.0", "v1.0.0");
    }
  }

  @Nested
  @DisplayName("latest N")
  class Latest {

    private final List<String> known =
        List.of("v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0-rc.1", "v1.2.1-0.20240101120000-abcdef123456");

    @Test
    @DisplayName("admits a release when fewer than N admissible known versions are higher")
    void releases() {
      VersionPolicy latest2 = policy("latest 2");
      assertThat(latest2.admits("v1.2.0", known)).isTrue();
      assertThat(latest2.admits("v1.1.0", known)).isTrue();
      assertThat(latest2.admits("v1.0.0", known)).isFalse();
      assertThat(latest2.admits("v1.4.0", known)).as("new, above every known one").isTrue();
      assertThat(latest2.admits("v0.9.0", known)).isFalse();
      assertThat(latest2.admits("v1.3.0-rc.1", known)).as("a pre-release").isFalse();
      assertThat(latest2.admits("v1.0.0", NONE)).as("nothing known").isTrue();
    }

    @Test
    @DisplayName("latest alone admits only the highest")
    void latestOne() {
      assertThat(policy("latest").admits("v1.2.0", known)).isTrue();
      assertThat(policy("latest").admits("v1.1.0", known)).isFalse();
    }

    @Test
    @DisplayName("counts pre-releases and pseudo-versions as higher only when they are allowed")
    void prereleases() {
      VersionPolicy latest2 = withPrereleases("latest 2");
      assertThat(latest2.admits("v1.3.0-rc.1", known)).isTrue();
      assertThat(latest2.admits("v1.2.1-0.20240101120000-abcdef123456", known)).isTrue();
      assertThat(latest2.admits("v1.2.0", known)).isFalse();
      assertThat(latest2.admits("v1.1.0", known)).isFalse();
    }

    @Test
    @DisplayName("counts a duplicated known version once, and +incompatible by its number")
    void duplicates() {
      List<String> dup = List.of("v2.0.0+incompatible", "v2.0.0+incompatible", "v1.5.0");
      assertThat(policy("latest 2").admits("v1.5.0", dup)).isTrue();
      assertThat(policy("latest 2").admits("v1.4.0", dup)).isFalse();
      assertThat(policy("latest 1").admits("v2.0.0+incompatible", dup)).isTrue();
    }

    @Test
    @DisplayName("selects the N highest admissible versions, ascending")
    void select() {
      assertThat(policy("latest 2").select(known)).containsExactly("v1.1.0", "v1.2.0");
      assertThat(withPrereleases("latest 2").select(known))
          .containsExactly("v1.2.1-0.20240101120000-abcdef123456", "v1.3.0-rc.1");
      assertThat(policy("latest 10").select(known)).containsExactly("v1.0.0", "v1.1.0", "v1.2.0");
      assertThat(policy("latest 3").select(List.of())).isEmpty();
      assertThat(policy("latest").select(List.of("v1.0.0-rc.1"))).isEmpty();
    }

    @Test
    @DisplayName("select agrees with admits over the same listing")
    void selectAgreesWithAdmits() {
      List<String> listing =
          List.of("v0.1.0", "v0.2.0", "v0.10.0", "v1.0.0-alpha", "v1.0.0", "v1.0.1", "v2.0.0+incompatible",
              "v2.1.0+incompatible", "v1.0.2-0.20240101120000-abcdef123456", "v0.2.0");
      for (String text : List.of("latest", "latest 2", "latest 4", "latest 50", "all", ">= v0.2.0, < v2.1.0")) {
        for (VersionPolicy p : List.of(policy(text), withPrereleases(text))) {
          assertThat(p.select(listing))
              .as(p.toString())
              .containsExactlyElementsOf(
                  listing.stream().distinct().filter(v -> p.admits(v, listing)).sorted(Semver.ORDER).toList());
        }
      }
    }
  }
}
