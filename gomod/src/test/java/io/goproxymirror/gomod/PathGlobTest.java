package io.goproxymirror.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("one glob (Go path.Match syntax)")
class PathGlobTest {

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(
      strings = {
        "*.corp.example.com",
        "github.com/acme/*",
        "git.corp.example.com/team?",
        "[a-z]*.example.com",
        "[^x]y",
        "[a-cx-z0-9_]",
        "a\\*b",
        "[\\]]x",
        "[\\-]x",
        "[\\^a-b]x",
        "é[é-ü]x",
        "[a-a]",
        "a\"b",
        "*",
        "",
      })
  @DisplayName("accepts Go path.Match syntax")
  void accepts(String glob) {
    assertThatCode(() -> PathGlob.compile(glob)).doesNotThrowAnyException();
    assertThat(PathGlob.compile(glob)).hasToString(glob);
  }

  @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
  @DisplayName("matches like Go's path.Match")
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
      "[\\^a-b]x|^x|true",
      "é[é-ü]x|éüx|true",
      "*x|xxx|true",
      "[*]|*|true",
      "[a-a]|a|true",
      "a[/]b|a/b|true",
      "§§|§§|true",
      "§§|a|false",
  })
  void matchesLikePathMatch(String glob, String name, boolean want) {
    assertThat(PathGlob.compile(glob).matches(name)).isEqualTo(want);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "corp/[abc | invalid pattern \"corp/[abc\": unterminated character class (missing ])",
        "[a-      | invalid pattern \"[a-\": unterminated character class (missing ])",
        "[        | invalid pattern \"[\": unterminated character class (missing ])",
        "[^       | invalid pattern \"[^\": unterminated character class (missing ])",
        "[^bc     | invalid pattern \"[^bc\": unterminated character class (missing ])",
        "a[       | invalid pattern \"a[\": unterminated character class (missing ])",
        "a/b[     | invalid pattern \"a/b[\": unterminated character class (missing ])",
        "[\\      | invalid pattern \"[\\\\\": unterminated character class (missing ])",
        "[a\\     | invalid pattern \"[a\\\\\": unterminated character class (missing ])",
        "[]x      | invalid pattern \"[]x\": empty character class []",
        "[]       | invalid pattern \"[]\": empty character class []",
        "[]a]     | invalid pattern \"[]a]\": empty character class []",
        "[^]x     | invalid pattern \"[^]x\": empty character class []",
        "[^]      | invalid pattern \"[^]\": empty character class []",
        "[-a]x    | invalid pattern \"[-a]x\": unescaped - in character class (write \\-)",
        "[-]      | invalid pattern \"[-]\": unescaped - in character class (write \\-)",
        "[-x]     | invalid pattern \"[-x]\": unescaped - in character class (write \\-)",
        "[a-b-c]  | invalid pattern \"[a-b-c]\": unescaped - in character class (write \\-)",
        "[a-]x    | invalid pattern \"[a-]x\": range a- has no end (write \\- for a literal -)",
        "[x-]     | invalid pattern \"[x-]\": range x- has no end (write \\- for a literal -)",
        "x[a-]y   | invalid pattern \"x[a-]y\": range a- has no end (write \\- for a literal -)",
        "[z-a]x   | invalid pattern \"[z-a]x\": empty range z-a",
        "[z-a]    | invalid pattern \"[z-a]\": empty range z-a",
        "abc\\    | invalid pattern \"abc\\\\\": ends with a lone \\",
        "\\       | invalid pattern \"\\\\\": ends with a lone \\",
        "a\"[     | invalid pattern \"a\\\"[\": unterminated character class (missing ])",
        "'a b'    | invalid pattern \"a b\": contains white space (separate with commas)",
        "'a\tb'   | invalid pattern \"a\\u0009b\": contains white space (separate with commas)",
        "'a\nb'   | invalid pattern \"a\\u000ab\": contains white space (separate with commas)",
        "'a\u00a0b' | invalid pattern \"a\\u00a0b\": contains white space (separate with commas)",
        "'[a\u2028' | invalid pattern \"[a\\u2028\": contains white space (separate with commas)",
      })
  @DisplayName("rejects what path.Match calls a bad pattern, reversed ranges and blanks, in one line")
  void rejects(String glob, String message) {
    assertThatThrownBy(() -> PathGlob.compile(glob))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message)
        .hasMessageNotContaining("\n");
  }
}
