package io.goproxymirror.mirror.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

@DisplayName("a throttled log writes the first occurrence of a key, then one line per interval with a count")
class ThrottledLogTest {
  private final AtomicLong now = new AtomicLong();
  private final ThrottledLog log = new ThrottledLog(Duration.ofSeconds(10), now::get);
  private final Logger logger = (Logger) LoggerFactory.getLogger("throttled-log-test-" + System.nanoTime());
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void attach() {
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(appender);
  }

  private List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  @DisplayName("a storm of one event costs one line at once and one summary per interval")
  void countsRepeats() {
    for (int i = 0; i < 100_000; i++) {
      int n = i;
      log.log(logger, Level.WARN, "event=accept_failed", () -> "reason=\"emfile " + n + "\"", new IOException("x"));
    }
    assertThat(lines()).containsExactly("event=accept_failed reason=\"emfile 0\"");
    assertThat(appender.list.get(0).getThrowableProxy()).isNotNull();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    log.flush();
    assertThat(lines()).hasSize(2);
    assertThat(lines().get(1)).isEqualTo("event=accept_failed count=99999 in_last=10s reason=\"emfile 99999\"");
    assertThat(appender.list.get(1).getThrowableProxy()).as("no stack trace in a summary").isNull();
  }

  @Test
  @DisplayName("keys are counted separately; a key quiet for a whole interval is logged at once again")
  void keysAndQuietIntervals() {
    log.log(logger, Level.WARN, "event=request_failed status=502", () -> "a");
    log.log(logger, Level.WARN, "event=request_failed status=504", () -> "b");
    log.log(logger, Level.WARN, "event=request_failed status=502", () -> "c");
    assertThat(lines()).containsExactly("event=request_failed status=502 a", "event=request_failed status=504 b");
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    log.log(logger, Level.WARN, "event=request_failed status=504", () -> "d");
    log.flush();
    assertThat(lines()).containsExactly("event=request_failed status=502 a", "event=request_failed status=504 b",
        "event=request_failed status=504 d", "event=request_failed status=502 count=1 in_last=10s c");
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    log.flush();
    log.log(logger, Level.WARN, "event=request_failed status=502", () -> "e");
    assertThat(lines()).last().isEqualTo("event=request_failed status=502 e");
  }

  @Test
  @DisplayName("a disabled level builds nothing and writes nothing")
  void disabledLevel() {
    logger.setLevel(ch.qos.logback.classic.Level.WARN);
    log.log(logger, Level.DEBUG, "event=connection_error", () -> {
      throw new AssertionError("built");
    });
    assertThat(lines()).isEmpty();
  }

  @Test
  @DisplayName("keys past the bound share one overflow key")
  void boundedKeys() {
    for (int i = 0; i < ThrottledLog.MAX_KEYS + 50; i++) {
      log.log(logger, Level.WARN, "event=e" + i, () -> "x");
    }
    assertThat(lines()).hasSize(ThrottledLog.MAX_KEYS + 1);
  }
}
