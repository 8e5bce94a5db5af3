package io.goproxymirror.mirror.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.StorageFullException;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StorageSpace")
class StorageSpaceTest {
  private final TestScheduler scheduler = new TestScheduler();
  private final AtomicLong free = new AtomicLong(10_000);

  @Test
  @DisplayName("refuses misses below the minimum, measured at start and then every interval")
  void refusesBelowMinimum() {
    try (StorageSpace space = new StorageSpace(free::get, 5_000, Duration.ofSeconds(1), scheduler)) {
      assertThat(space.nearlyFull()).isFalse();
      assertThat(space.freeBytes()).isEqualTo(10_000);
      assertThatCode(space::checkRoom).doesNotThrowAnyException();

      free.set(4_000);
      assertThat(space.nearlyFull()).as("not measured again yet").isFalse();
      scheduler.advanceTimeBy(1, TimeUnit.SECONDS);
      assertThat(space.nearlyFull()).isTrue();
      assertThat(space.freeBytes()).isEqualTo(4_000);
      assertThatThrownBy(space::checkRoom).isInstanceOf(StorageFullException.class)
          .hasMessageContaining("storage nearly full");

      free.set(6_000);
      scheduler.advanceTimeBy(1, TimeUnit.SECONDS);
      assertThat(space.nearlyFull()).isFalse();
    }
  }

  @Test
  @DisplayName("never refuses with a minimum of 0, and keeps the last value when a measurement fails")
  void zeroMinimumAndFailedProbe() {
    boolean[] failing = {false};
    StorageSpace.Probe probe = () -> {
      if (failing[0]) {
        throw new IOException("gone");
      }
      return free.get();
    };
    try (StorageSpace space = new StorageSpace(probe, 0, Duration.ofSeconds(1), scheduler)) {
      free.set(0);
      scheduler.advanceTimeBy(1, TimeUnit.SECONDS);
      assertThat(space.nearlyFull()).isFalse();
      assertThat(space.freeBytes()).isZero();
      failing[0] = true;
      scheduler.advanceTimeBy(1, TimeUnit.SECONDS);
      assertThat(space.freeBytes()).isZero();
    }
  }
}
