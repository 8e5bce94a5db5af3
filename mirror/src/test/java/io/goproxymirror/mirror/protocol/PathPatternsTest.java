package io.goproxymirror.mirror.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

  @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
  @DisplayName("matches single globs like Go's path.Match")
  @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
      "abc|abc|true",
      "*|abc|true",
      "*c|abc|true",
      "a*|a|true",
      "a*|abc|true",
      "a*|ab/c|false",
      "a*/b|abc/b|true",
      "a*/b|a/c/b|false",
      "a*b*c*d*e*/f|axbxcxdxe/f|true",
      "a*b*c*d*e*/f|axbxcxdxexxx/f|true",
      "a*b*c*d*e*/f|axbxcxdxe/xxx/f|false",
      "a*b*c*d*e*/f|axbxcxdxexxx/fff|false",
      "a*b?c*x|abxbbxdbxebxczzx|true",
      "a*b?c*x|abxbbxdbxebxczzy|false",
      "ab[c]|abc|true",
      "ab[b-d]|abc|true",
      "ab[e-g]|abc|false",
      "ab[^c]|abc|false",
      "ab[^b-d]|abc|false",
      "ab[^e-g]|abc|true",
      "a\\*b|a*b|true",
      "a\\*b|ab|false",
      "a?b|a☺b|true",
      "a[^a]b|a☺b|true",
      "a???b|a☺b|false",
      "a[^a][^a][^a]b|a☺b|false",
      "[a-ζ]*|α|true",
      "*[a-ζ]|A|false",
      "a?b|a/b|false",
      "a*b|a/b|false",
      "[\\]a]|]|true",
      "[\\-]|-|true",
      "[x\\-]|x|true",
      "[x\\-]|-|true",
      "[x\\-]|z|false",
      "[\\-x]|x|true",
      "[\\-x]|-|true",
      "[\\-x]|a|false",
      "*x|xxx|true",
      "[*]|*|true",
      "[z-a]|m|false",
      "a[/]b|a/b|true",
      "§§|§§|true",
      "§§|a|false",
  })
  void matchesLikePathMatch(String glob, String name, boolean want) {
    assertThat(PathGlob.compile(glob).matches(name)).isEqualTo(want);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("rejects the globs path.Match calls malformed, with a one-line reason")
  @ValueSource(strings = {
      "[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]", "[", "[^", "[^bc", "a[", "a/b[",
      "ab\\", "[^]", "[]", "x[a-]y", "[\\", "[a\\"})
  void rejectsMalformedGlobs(String glob) {
    assertThatThrownBy(() -> PathPatterns.parse("example.com," + glob))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid pattern \"")
        .hasMessageContaining("syntax error in pattern")
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
