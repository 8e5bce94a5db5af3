package io.goproxymirror.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("a GOPRIVATE-style glob list")
class PathPatternsTest {

  @ParameterizedTest(name = "[{index}] \"{0}\" vs {1} -> {2}")
  @DisplayName("matches leading path elements like x/mod MatchPrefixPatterns")
  @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
      "§§|rsc.io/quote|false",
      "/|rsc.io/quote|false",
      "*/quote|rsc.io/quote|true",
      "*/quo|rsc.io/quote|false",
      "*/quo??|rsc.io/quote|true",
      "*/quo*|rsc.io/quote|true",
      "*quo*|rsc.io/quote|false",
      "rsc.io|rsc.io/quote|true",
      "*.io|rsc.io/quote|true",
      "rsc.io/|rsc.io/quote|true",
      "rsc|rsc.io/quote|false",
      "rsc*|rsc.io/quote|true",
      "rsc.io|rsc.io/quote/v3|true",
      "*/quote|rsc.io/quote/v3|true",
      "*/quote/|rsc.io/quote/v3|true",
      "*/quote/*|rsc.io/quote/v3|true",
      "*/quote/*/|rsc.io/quote/v3|true",
      "*/v3|rsc.io/quote/v3|false",
      "*/*/v3|rsc.io/quote/v3|true",
      "*/*/*|rsc.io/quote/v3|true",
      "*/*/*/|rsc.io/quote/v3|true",
      "*/*/*|rsc.io/quote|false",
      "*/*/*/|rsc.io/quote|false",
      "*/*/*,,|rsc.io/quote|false",
      "*/*/*,,*/quote|rsc.io/quote|true",
      ",,*/quote|rsc.io/quote|true",
      "rsc.io|rsc.io|true",
      "rsc.io/quote|rsc.io|false",
      "rsc.io|rsc.iox/quote|false",
      "rsc.io/quote|rsc.io/quote2|false",
      "*.corp.example.com|git.corp.example.com/team/lib|true",
      "*.corp.example.com|corp.example.com/team/lib|false",
      "github.com/acme|github.com/acme/x/v2|true",
      "github.com/acme|github.com/acme-x/y|false",
      "github.com/Acme|github.com/acme/x|false",
      "corp.example.com,github.com/acme/*|github.com/acme/x/y|true",
      "§ corp.example.com , github.com/acme §|github.com/acme/x|true",
      "§\tgithub.com/acme/\t§|github.com/acme/x|true",
  })
  void matchesLikeXMod(String globs, String target, boolean want) {
    assertThat(PathPatterns.parse(globs).matches(target)).isEqualTo(want);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("rejects a list with a malformed glob, naming only that glob")
  @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
      "example.com,[]a]|[]a]",
      "[-],example.com|[-]",
      "example.com , x[a-]y ,|x[a-]y",
      "example.com,ab\\|ab\\",
      "example.com,[z-a]|[z-a]",
      "§example.com,a b§|a b",
      "§a.example.com b.example.com§|a.example.com b.example.com",
      "§example.com,\t[\t§|[",
  })
  void rejectsMalformedGlobs(String list, String glob) {
    String reason = catchThrowable(() -> PathGlob.compile(glob)).getMessage();
    assertThatThrownBy(() -> PathPatterns.parse(list))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(reason)
        .hasMessageStartingWith("invalid pattern \"")
        .hasMessageNotContaining("\n");
  }

  @Test
  @DisplayName("an empty or blank list is empty and matches nothing")
  void emptyList() {
    for (String list : new String[] {null, "", "  ", ",", " , ,", "/", "/,/"}) {
      PathPatterns patterns = PathPatterns.parse(list);
      assertThat(patterns.isEmpty()).as(String.valueOf(list)).isTrue();
      assertThat(patterns.matches("example.com/x")).isFalse();
      assertThat(patterns.toString()).isEmpty();
    }
    assertThat(PathPatterns.none().isEmpty()).isTrue();
  }

  @Test
  @DisplayName("toString gives the list as matched, and equal lists are equal")
  void toStringGivesTheList() {
    PathPatterns patterns = PathPatterns.parse(" *.corp.example.com ,, github.com/acme/ ,rsc.io");
    assertThat(patterns.isEmpty()).isFalse();
    assertThat(patterns).hasToString("*.corp.example.com,github.com/acme,rsc.io");
    assertThat(patterns).isEqualTo(PathPatterns.parse("*.corp.example.com,github.com/acme,rsc.io"));
  }
}
