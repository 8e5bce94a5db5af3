package io.goproxymirror.k8s;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

@DisplayName("programs the k8s tests need")
class ToolsTest {
  @Test
  @DisplayName("a missing program skips the test, or fails it when MIRROR_REQUIRE_TOOLS is set")
  void missingProgram() {
    String required = System.getenv(Tools.REQUIRE_ENV);
    boolean mustFail = required != null && !required.isBlank();
    assertThatThrownBy(() -> Tools.require("no-such-program-of-the-k8s-tests", "not found"))
        .isInstanceOf(mustFail ? AssertionFailedError.class : TestAbortedException.class)
        .hasMessageContaining("not found");
  }
}
