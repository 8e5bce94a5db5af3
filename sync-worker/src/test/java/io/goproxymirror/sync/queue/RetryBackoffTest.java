package io.goproxymirror.sync.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RetryBackoff")
class RetryBackoffTest {

  @Test
  @DisplayName("doubles from the first delay within 25% jitter and stays at the cap")
  void doublesWithJitterUpToTheCap() {
    RetryBackoff backoff =
        new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5), new Random(42));

    for (int round = 0; round < 200; round++) {
      assertThat(backoff.delay(1).toMillis()).isBetween(1500L, 2500L);
      assertThat(backoff.delay(2).toMillis()).isBetween(3000L, 5000L);
      assertThat(backoff.delay(5).toMillis()).isBetween(24_000L, 40_000L);
      assertThat(backoff.delay(8).toMillis()).isBetween(192_000L, 300_000L);
      assertThat(backoff.delay(9).toMillis()).isBetween(225_000L, 300_000L);
      assertThat(backoff.delay(100).toMillis()).isBetween(225_000L, 300_000L);
    }
  }

  @Test
  @DisplayName("spreads delays of the same attempt")
  void jitters() {
    RetryBackoff backoff =
        new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5), new Random(7));

    long distinct =
        IntStream.range(0, 50).mapToObj(i -> backoff.delay(1)).distinct().count();

    assertThat(distinct).isGreaterThan(10);
  }
}
