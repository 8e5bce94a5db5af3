package io.goproxymirror.mirror.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the failure throttle")
class FailureThrottleTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final FailureThrottle throttle =
      new FailureThrottle(new FailureThrottle.Settings(3, Duration.ofSeconds(60), 2), nanos::get);

  @Test
  @DisplayName("refuses an address after the burst until the cooldown after its last failure has passed")
  void burstThenCooldown() {
    assertThat(throttle.recordFailure("10.0.0.1")).isFalse();
    assertThat(throttle.recordFailure("10.0.0.1")).isFalse();
    assertThat(throttle.refusedFor("10.0.0.1")).isEmpty();
    assertThat(throttle.recordFailure("10.0.0.1")).isTrue();
    assertThat(throttle.refusedFor("10.0.0.1")).contains(Duration.ofSeconds(60));
    assertThat(throttle.refusedFor("10.0.0.2")).isEmpty();
    nanos.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(throttle.refusedFor("10.0.0.1")).contains(Duration.ofSeconds(1));
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(throttle.refusedFor("10.0.0.1")).isEmpty();
    assertThat(throttle.recordFailure("10.0.0.1")).as("the count starts again").isFalse();
  }

  @Test
  @DisplayName("a slow stream of failures, each within the cooldown of the last, still reaches the burst")
  void slowFailures() {
    for (int i = 0; i < 2; i++) {
      throttle.recordFailure("10.0.0.3");
      nanos.addAndGet(Duration.ofSeconds(50).toNanos());
    }
    assertThat(throttle.recordFailure("10.0.0.3")).isTrue();
  }

  @Test
  @DisplayName("remembers a bounded number of addresses")
  void bounded() {
    for (int i = 0; i < 100; i++) {
      throttle.recordFailure("10.0.1." + i);
    }
    throttle.recordFailure("10.0.1.1");
    assertThat(throttle.addresses()).isLessThanOrEqualTo(2);
  }
}
