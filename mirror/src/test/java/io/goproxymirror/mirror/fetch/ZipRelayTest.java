package io.goproxymirror.mirror.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ZipRelay")
class ZipRelayTest {
  private final Object fast = new Object();
  private final Object slow = new Object();

  @Test
  @DisplayName("hands every reader the bytes from its position, pauses above the high-water mark and resumes once the slowest reader sent them")
  void boundedBySlowestReader() {
    ZipRelay relay = new ZipRelay(100, 8, List.of(fast, slow));
    AtomicInteger rooms = new AtomicInteger();
    relay.onRoom(rooms::incrementAndGet);

    assertThat(relay.offer(bytes("abcd"))).isFalse();
    assertThat(relay.offer(bytes("efghij"))).as("10 bytes held, over 8").isTrue();
    assertThat(relay.read(100, 64).toString()).isEqualTo("abcd");
    assertThat(relay.read(104, 3).toString()).isEqualTo("efg");
    assertThat(relay.end()).isEqualTo(110);

    relay.sent(fast, 110);
    assertThat(rooms).as("the slow reader still needs them").hasValue(0);
    assertThat(relay.read(100, 4).toString()).isEqualTo("abcd");
    relay.sent(slow, 104);
    assertThat(rooms).as("6 bytes held now").hasValue(1);
    assertThat(relay.read(104, 64).toString()).isEqualTo("efghij");

    relay.finish(null);
    assertThat(relay.complete()).isTrue();
    assertThat(relay.offer(bytes("late"))).isFalse();
    assertThat(relay.end()).isEqualTo(110);
  }

  @Test
  @DisplayName("wakes a waiting reader on new bytes or on the end, and reports when every reader left early")
  void waitingAndAbandoned() {
    ZipRelay relay = new ZipRelay(0, 1024, List.of(fast, slow));
    AtomicInteger woken = new AtomicInteger();
    AtomicInteger abandoned = new AtomicInteger();
    relay.onAbandoned(abandoned::incrementAndGet);

    relay.whenAvailable(0, woken::incrementAndGet);
    assertThat(woken).hasValue(0);
    relay.offer(bytes("x"));
    assertThat(woken).hasValue(1);
    relay.whenAvailable(0, woken::incrementAndGet);
    assertThat(woken).as("a byte past 0 is there").hasValue(2);

    relay.leave(fast);
    assertThat(abandoned).hasValue(0);
    relay.leave(slow);
    assertThat(abandoned).hasValue(1);
    assertThat(relay.hasReaders()).isFalse();
  }

  @Test
  @DisplayName("a failed upstream ends the relay with its error and drops what was held")
  void failure() {
    ZipRelay relay = new ZipRelay(0, 1024, List.of(fast));
    relay.offer(bytes("abc"));
    AtomicInteger woken = new AtomicInteger();
    relay.whenAvailable(3, woken::incrementAndGet);
    IllegalStateException broken = new IllegalStateException("reset");
    relay.finish(broken);
    assertThat(woken).hasValue(1);
    assertThat(relay.complete()).isFalse();
    assertThat(relay.failure()).isSameAs(broken);
    assertThat(relay.read(0, 64).length()).isZero();
  }

  private static Buffer bytes(String text) {
    return Buffer.buffer(text);
  }
}
