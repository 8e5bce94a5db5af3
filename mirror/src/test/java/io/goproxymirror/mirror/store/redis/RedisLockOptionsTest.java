package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RedisLockOptions")
class RedisLockOptionsTest {
  private final RedisLockOptions defaults = RedisLockOptions.defaults();

  @Test
  @DisplayName("defaults to a 5 s TTL renewed every 5/3 s, 90 s waits, 256 waiters, polls from 10 to 100 ms")
  void defaults() {
    assertThat(defaults.ttl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.renewEvery()).isEqualTo(Duration.ofSeconds(5).dividedBy(3));
    assertThat(defaults.maxHold()).isEqualTo(Duration.ofMinutes(15));
    assertThat(defaults.waitTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(defaults.maxWaiters()).isEqualTo(256);
    assertThat(defaults.pollMin()).isEqualTo(Duration.ofMillis(10));
    assertThat(defaults.pollMax()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  @DisplayName("raises the maximum hold time to a longer TTL")
  void ttlRaisesMaxHold() {
    assertThat(defaults.withTtl(Duration.ofHours(1)).maxHold()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.withTtl(Duration.ofSeconds(1)).maxHold()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  @DisplayName("refuses out-of-range and inconsistent values")
  void refuses() {
    assertThatThrownBy(() -> defaults.withTtl(Duration.ofMillis(29))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withMaxHold(Duration.ofSeconds(4))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withWaitTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withMaxWaiters(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withPoll(Duration.ZERO, Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withPoll(Duration.ofMillis(20), Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withTtl(null)).isInstanceOf(NullPointerException.class);
  }
}
