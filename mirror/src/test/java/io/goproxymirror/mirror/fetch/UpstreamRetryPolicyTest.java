package io.goproxymirror.mirror.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("retry backoff and Retry-After")
class UpstreamRetryPolicyTest {

  @Test
  @DisplayName("backoff doubles per retry with jitter in [d/2, d]")
  void backoff() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100));
    for (int i = 0; i < 50; i++) {
      assertThat(policy.backoffMillis(0)).isBetween(50L, 100L);
      assertThat(policy.backoffMillis(2)).isBetween(200L, 400L);
    }
  }

  @Test
  @DisplayName("a retry is allowed only below max and before the deadline")
  void allows() {
    RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(100));
    long inOneSecond = System.nanoTime() + 1_000_000_000L;
    assertThat(policy.allows(0, 100, inOneSecond)).isTrue();
    assertThat(policy.allows(2, 100, inOneSecond)).isFalse();
    assertThat(policy.allows(0, 2000, inOneSecond)).isFalse();
    assertThat(RetryPolicy.none().allows(0, 1, inOneSecond)).isFalse();
  }

  @Test
  @DisplayName("Retry-After is delay-seconds or an HTTP-date; anything else is absent")
  void retryAfter() {
    assertThat(RetryAfter.millis("2")).isEqualTo(2000);
    assertThat(RetryAfter.millis(null)).isEqualTo(-1);
    assertThat(RetryAfter.millis("soon")).isEqualTo(-1);
    assertThat(RetryAfter.millis("-1")).isEqualTo(-1);
    String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().minusHours(1));
    assertThat(RetryAfter.millis(past)).isZero();
    String future = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(30));
    assertThat(RetryAfter.millis(future)).isBetween(25_000L, 30_000L);
  }
}
