package io.goproxymirror.config.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EnvSubstitution")
class EnvSubstitutionTest {

  private static final Map<String, String> ENV = Map.of("HOST", "db.example", "EMPTY", "");

  @Test
  @DisplayName("replaces ${VAR} anywhere in a value")
  void replacesVariables() {
    assertThat(EnvSubstitution.substitute("https://${HOST}:8080/${HOST}", ENV))
        .isEqualTo("https://db.example:8080/db.example");
  }

  @Test
  @DisplayName("uses the default of ${VAR:-default} when the variable is unset or empty")
  void usesDefaults() {
    assertThat(EnvSubstitution.substitute("${MISSING:-30s}", ENV)).isEqualTo("30s");
    assertThat(EnvSubstitution.substitute("${EMPTY:-x}", ENV)).isEqualTo("x");
    assertThat(EnvSubstitution.substitute("${HOST:-x}", ENV)).isEqualTo("db.example");
    assertThat(EnvSubstitution.substitute("${MISSING:-}", ENV)).isEmpty();
  }

  @Test
  @DisplayName("keeps an empty variable without default empty")
  void keepsEmptyValue() {
    assertThat(EnvSubstitution.substitute("a${EMPTY}b", ENV)).isEqualTo("ab");
  }

  @Test
  @DisplayName("leaves text without references and lone dollars alone; $${ is a literal ${")
  void leavesPlainText() {
    assertThat(EnvSubstitution.substitute("cost $5 $HOST", ENV)).isEqualTo("cost $5 $HOST");
    assertThat(EnvSubstitution.substitute("$${HOST}", ENV)).isEqualTo("${HOST}");
  }

  @Test
  @DisplayName("names a missing variable that has no default")
  void rejectsMissing() {
    assertThatThrownBy(() -> EnvSubstitution.substitute("${NOPE}", ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "environment variable NOPE is not set (write ${NOPE:-default} to give a fallback)");
  }

  @Test
  @DisplayName("rejects malformed references")
  void rejectsMalformed() {
    assertThatThrownBy(() -> EnvSubstitution.substitute("${HOST", ENV))
        .hasMessageStartingWith("unterminated \"${\"");
    assertThatThrownBy(() -> EnvSubstitution.substitute("${1X}", ENV))
        .hasMessageStartingWith("invalid variable reference \"${1X}\"");
    assertThatThrownBy(() -> EnvSubstitution.substitute("${HOST-x}", ENV))
        .hasMessageStartingWith("invalid variable reference");
  }
}
