package io.goproxymirror.mirror.modzip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaseFoldTest {

  @ParameterizedTest(name = "[{index}] {0} ~ {1}: {2}")
  @DisplayName("groups strings exactly as Go's strings.EqualFold does")
  @CsvSource({
      "README, readme, true",
      "dir/A.go, DIR/a.go, true",
      "K, \u212A, true",
      "k, \u212A, true",
      "s, \u017F, true",
      "S, \u017F, true",
      "\u03C3, \u03C2, true",
      "\u03A3, \u03C2, true",
      "\u01C4, \u01C5, true",
      "\u01C5, \u01C6, true",
      "\u00DF, \u1E9E, true",
      "\u00E9, \u00C9, true",
      "\u0130, i, false",
      "\u0131, i, false",
      "\u0130, I, false",
      "\u0131, I, false",
      "\u00DF, ss, false",
      "a, b, false"})
  void foldsLikeGo(String a, String b, boolean equal) {
    assertThat(CaseFold.key(a).equals(CaseFold.key(b))).isEqualTo(equal);
  }
}
