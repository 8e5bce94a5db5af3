package io.goproxymirror.gomod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TagVersion maps tags to versions and decides which are listed")
class TagVersionTest {
  @Test
  @DisplayName("strips the prefix and canonicalizes; incomplete and pseudo-looking tags stand for nothing")
  void versions() {
    assertThat(TagVersion.of("v1.2.3", "")).contains(new TagVersion("v1.2.3", true));
    assertThat(TagVersion.of("sub/v1.2.3", "sub/")).contains(new TagVersion("v1.2.3", true));
    assertThat(TagVersion.of("v1.4.1+meta", "")).contains(new TagVersion("v1.4.1", false));
    assertThat(TagVersion.of("v2.0.0+incompatible", ""))
        .contains(new TagVersion("v2.0.0", false));
    assertThat(TagVersion.of("v1.2", "")).isEmpty();
    assertThat(TagVersion.of("v1.2.3", "sub/")).isEqualTo(Optional.empty());
    assertThat(TagVersion.of("c/v2/v2.0.1", "c/")).isEmpty();
    assertThat(TagVersion.of("v0.0.0-20200101000000-abcdefabcdef", "")).isEmpty();
    // The pseudo-version test sees the whole tag, so a prefixed one passes as canonical.
    assertThat(TagVersion.of("sub/v0.0.0-20200101000000-abcdefabcdef", "sub/"))
        .contains(new TagVersion("v0.0.0-20200101000000-abcdefabcdef", true));
  }

  @Test
  @DisplayName("lists only exactly canonical, non-pseudo versions")
  void listable() {
    assertThat(TagVersion.isListable("v1.2.3")).isTrue();
    assertThat(TagVersion.isListable("v1.2.3-rc.1")).isTrue();
    assertThat(TagVersion.isListable("v1.2")).isFalse();
    assertThat(TagVersion.isListable("v1.2.3+meta")).isFalse();
    assertThat(TagVersion.isListable("v2.0.0+incompatible")).isFalse();
    assertThat(TagVersion.isListable("v0.0.0-20200101000000-abcdefabcdef")).isFalse();
    assertThat(TagVersion.isListable("")).isFalse();
  }
}
