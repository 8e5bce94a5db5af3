package io.goproxymirror.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PseudoVersion builds and takes apart the three pseudo-version forms")
class PseudoVersionTest {
  private static final Instant T = Instant.parse("2020-01-01T05:00:00Z");
  private static final String REV = "e1a3b36ae6bc";

  @Test
  @DisplayName("builds the no-base, release and pre-release forms, carrying +incompatible")
  void builds() {
    assertThat(PseudoVersion.of("", "", T, REV)).isEqualTo("v0.0.0-20200101050000-e1a3b36ae6bc");
    assertThat(PseudoVersion.of("v2", "", T, REV)).isEqualTo("v2.0.0-20200101050000-e1a3b36ae6bc");
    assertThat(PseudoVersion.of("", "v1.2.3", T, REV))
        .isEqualTo("v1.2.4-0.20200101050000-e1a3b36ae6bc");
    assertThat(PseudoVersion.of("", "v1.2.199", T, REV))
        .isEqualTo("v1.2.200-0.20200101050000-e1a3b36ae6bc");
    assertThat(PseudoVersion.of("v2", "v2.3.0-rc.1", T, REV))
        .isEqualTo("v2.3.0-rc.1.0.20200101050000-e1a3b36ae6bc");
    assertThat(PseudoVersion.of("", "v2.1.0+incompatible", T, REV))
        .isEqualTo("v2.1.1-0.20200101050000-e1a3b36ae6bc+incompatible");
  }

  @Test
  @DisplayName("reads revision, time and base back")
  void parses() {
    String v = "v1.2.4-0.20200101050000-e1a3b36ae6bc+incompatible";
    assertThat(PseudoVersion.rev(v)).isEqualTo(REV);
    assertThat(PseudoVersion.time(v)).isEqualTo(T);
    assertThat(PseudoVersion.base(v)).isEqualTo("v1.2.3+incompatible");
    assertThat(PseudoVersion.base("v1.2.10-0.20200101050000-" + REV)).isEqualTo("v1.2.9");
    assertThat(PseudoVersion.base("v1.2.3-pre.0.20200101050000-" + REV)).isEqualTo("v1.2.3-pre");
    assertThat(PseudoVersion.base("v0.0.0-20200101050000-" + REV)).isEmpty();
  }

  @Test
  @DisplayName("rejects a negative patch, base-less build metadata, bad times and non-pseudo input")
  void rejects() {
    assertThatThrownBy(() -> PseudoVersion.base("v1.0.0-0.20200101050000-" + REV))
        .hasMessage("version before v1.0.0 would have negative patch number");
    assertThatThrownBy(() -> PseudoVersion.base("v0.0.0-20200101050000-" + REV + "+meta"))
        .hasMessage("lacks base version, but has build metadata \"+meta\"");
    assertThatThrownBy(() -> PseudoVersion.time("v0.0.0-20201301000000-" + REV))
        .hasMessage("malformed time \"20201301000000\"");
    assertThatThrownBy(() -> PseudoVersion.rev("v1.2.3")).hasMessage("syntax error");
  }

  @Test
  @DisplayName("increments and decrements decimal strings")
  void decimals() {
    assertThat(PseudoVersion.increment("0")).isEqualTo("1");
    assertThat(PseudoVersion.increment("99")).isEqualTo("100");
    assertThat(PseudoVersion.decrement("100")).isEqualTo("99");
    assertThat(PseudoVersion.decrement("10")).isEqualTo("9");
    assertThat(PseudoVersion.decrement("0")).isEmpty();
  }
}
