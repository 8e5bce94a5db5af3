package io.goproxymirror.gomod;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Retractions reads retract directives the way lax go.mod parsing does")
class RetractionsTest {
  private static Retractions parse(String goMod) {
    return Retractions.parse(goMod.getBytes(UTF_8));
  }

  @Test
  @DisplayName("single versions, intervals, blocks and quoted versions")
  void forms() {
    Retractions r = parse("module example.com/m\n\ngo 1.16\n\nretract v1.0.0 // oops\n"
        + "retract (\n\t[v1.1.0, v1.1.9]\n\t\"v1.3.0\"\n)\n");
    assertThat(r.intervals()).containsExactly(
        new VersionInterval("v1.0.0", "v1.0.0"),
        new VersionInterval("v1.1.0", "v1.1.9"),
        new VersionInterval("v1.3.0", "v1.3.0"));
    assertThat(r.covers("v1.0.0")).isTrue();
    assertThat(r.covers("v1.1.5")).isTrue();
    assertThat(r.covers("v1.1.10")).isFalse();
    assertThat(r.covers("v1.2.0")).isFalse();
  }

  @Test
  @DisplayName("skips malformed retract lines but keeps the others")
  void skipsBadLines() {
    Retractions r = parse("module example.com/m\nretract [v1.1.0\nretract v1.2.0\n");
    assertThat(r.intervals()).containsExactly(new VersionInterval("v1.2.0", "v1.2.0"));
  }

  @Test
  @DisplayName("a file that does not parse retracts nothing")
  void badFile() {
    assertThat(parse("module example.com/m\nrequire example.com/x notaversion\nretract v1.0.0\n")
        .intervals()).isEmpty();
    assertThat(parse("module example.com/m\ngo 1.x\nretract v1.0.0\n").intervals()).isEmpty();
    assertThat(parse("module example.com/m\nretract (\nv1.0.0\n").intervals()).isEmpty();
    assertThat(parse("module example.com/m\ngo 1.21.0\nretract v1.0.0\n").intervals()).hasSize(1);
  }
}
