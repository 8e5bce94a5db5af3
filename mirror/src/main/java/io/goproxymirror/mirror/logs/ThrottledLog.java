package io.goproxymirror.mirror.logs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Log lines of events that a flood can repeat (a failed accept, a reset connection, a failed
 * request): the first occurrence of a key is written at once; further occurrences within the same
 * interval are only counted, and one line per key and interval reports them, such as {@code
 * event=accept_failed count=412 in_last=10s reason="..."}. So a storm of the same failure costs at
 * most one line per key per interval, whatever its rate. Keys are few and fixed by the callers
 * (event name and status, never a module path); past {@link #MAX_KEYS} keys, events go to one
 * overflow key. Thread-safe.
 */
public final class ThrottledLog {
  static final int MAX_KEYS = 256;
  private static final String OVERFLOW = "event=log_keys_overflow";
  private final long intervalNanos;
  private final String intervalText;
  private final LongSupplier nanoTime;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /** Counts repeats over {@code interval} (10 s in production). */
  public ThrottledLog(Duration interval) {
    this(interval, System::nanoTime);
  }

  ThrottledLog(Duration interval, LongSupplier nanoTime) {
    this.intervalNanos = interval.toNanos();
    this.intervalText = interval.toSeconds() > 0 && interval.toMillis() % 1000 == 0
        ? interval.toSeconds() + "s" : interval.toMillis() + "ms";
    this.nanoTime = nanoTime;
    // Loaded now: the first use may come when the process is out of file descriptors, and loading
    // a class from a directory on the class path needs one.
    new Window(null, Level.INFO).rollIfDue(0, 0);
    new Summary(0, "").last();
  }

  /**
   * Logs {@code key + " " + detail} at {@code level} unless {@code key} was already logged within
   * the current interval, in which case it is counted and {@code detail} kept as the latest.
   * {@code detail} is only built when the logger is enabled at {@code level}. {@code error} (may be
   * null) is attached to the first line only, never to a summary.
   */
  public void log(Logger logger, Level level, String key, Supplier<String> detail, Throwable error) {
    if (!logger.isEnabledForLevel(level)) {
      return;
    }
    String k = windows.size() >= MAX_KEYS && !windows.containsKey(key) ? OVERFLOW : key;
    long now = nanoTime.getAsLong();
    Window window = windows.computeIfAbsent(k, x -> new Window(logger, level));
    String first = null;
    Summary summary = null;
    synchronized (window) {
      if (window.quiet(now, intervalNanos)) {
        window.start(now);
        first = detail.get();
      } else {
        summary = window.rollIfDue(now, intervalNanos);
        window.count++;
        window.last = detail.get();
      }
    }
    if (summary != null) {
      write(window, k, summary);
    }
    if (first != null) {
      if (error != null) {
        logger.atLevel(level).setCause(error).log("{} {}", k, first);
      } else {
        logger.atLevel(level).log("{} {}", k, first);
      }
    }
  }

  /** As {@link #log(Logger, Level, String, Supplier, Throwable)} with a detail already built, without a cause. */
  public void log(Logger logger, Level level, String key, String detail) {
    log(logger, level, key, () -> detail, null);
  }

  /** As {@link #log(Logger, Level, String, Supplier, Throwable)} without a cause. */
  public void log(Logger logger, Level level, String key, Supplier<String> detail) {
    log(logger, level, key, detail, null);
  }

  /** Writes the summary of every key whose interval has ended; called periodically. */
  public void flush() {
    long now = nanoTime.getAsLong();
    windows.forEach((key, window) -> {
      Summary summary;
      synchronized (window) {
        summary = window.rollIfDue(now, intervalNanos);
      }
      if (summary != null) {
        write(window, key, summary);
      }
    });
    windows.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return e.getValue().quiet(now, intervalNanos);
      }
    });
  }

  private void write(Window window, String key, Summary summary) {
    window.logger.atLevel(window.level).log("{} count={} in_last={} {}", key, summary.count(), intervalText,
        summary.last());
  }

  private record Summary(long count, String last) {}

  /** One key's current interval: when it started and what was suppressed since. */
  private static final class Window {
    private final Logger logger;
    private final Level level;
    private long startedAt;
    private boolean active;
    private long count;
    private String last;

    Window(Logger logger, Level level) {
      this.logger = logger;
      this.level = level;
    }

    /** True when the previous interval ended and reported nothing: the next event is logged at once. */
    boolean quiet(long now, long interval) {
      return !active || (now - startedAt >= interval && count == 0);
    }

    void start(long now) {
      active = true;
      startedAt = now;
      count = 0;
      last = null;
    }

    /** When the interval is over and events were counted: their summary, and a new interval starts. */
    Summary rollIfDue(long now, long interval) {
      if (!active || now - startedAt < interval || count == 0) {
        return null;
      }
      Summary summary = new Summary(count, last);
      startedAt = now;
      count = 0;
      last = null;
      return summary;
    }
  }
}
