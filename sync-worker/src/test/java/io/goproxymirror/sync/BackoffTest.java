package io.goproxymirror.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Backoff")
class BackoffTest {

  @Test
  @DisplayName("doubles from the first delay up to the cap, and starts over after a reset")
  void doubles() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    assertThat(java.util.stream.Stream.generate(backoff::next).limit(8).map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  @DisplayName("never waits longer than the cap, even the first time")
  void firstAboveCap() {
    Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMillis(100));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
  }
}
