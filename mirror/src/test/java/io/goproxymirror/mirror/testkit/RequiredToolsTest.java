package io.goproxymirror.mirror.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

@DisplayName("RequiredTools")
class RequiredToolsTest {

  @Test
  @DisplayName("skips a test for a missing program, or fails it when MIRROR_REQUIRE_TOOLS is set")
  void missingProgram() {
    Class<? extends Throwable> expected =
        RequiredTools.toolsRequired() ? AssertionFailedError.class : TestAbortedException.class;

    assertThat(RequiredTools.find("no-such-tool-for-goproxy-mirror")).isEmpty();
    assertThatThrownBy(() -> RequiredTools.require("no-such-tool-for-goproxy-mirror"))
        .isInstanceOf(expected)
        .hasMessageContaining("no-such-tool-for-goproxy-mirror");
  }

  @Test
  @DisplayName("finds git as an absolute path to an executable")
  void findsGit() {
    assertThat(RequiredTools.git()).isAbsolute().isExecutable();
  }
}
