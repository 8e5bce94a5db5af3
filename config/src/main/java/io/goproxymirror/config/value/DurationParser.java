package io.goproxymirror.config.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations the way Go's {@code time.ParseDuration} writes them ({@code 500ms}, {@code
 * 30s}, {@code 10m}, {@code 1h}, {@code 2h30m}, {@code 1.5h}; units ns, us, ms, s, m, h) and plain
 * ISO-8601 ({@code PT10M}). A bare number is rejected: it is ambiguous. A leading sign is accepted;
 * whether a negative or zero duration is allowed is the caller's rule.
 */
public final class DurationParser {

  /** The hint every error ends with. */
  static final String HINT = "(use 30s, 10m, 1h, 500ms)";

  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "μs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  private DurationParser() {}

  /**
   * @param text for example {@code 2h30m} or {@code PT10M}
   * @return the duration
   * @throws IllegalArgumentException with a one-line reason, for example {@code invalid duration
   *     "abc" (use 30s, 10m, 1h, 500ms)}
   */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration " + HINT);
    }
    if (BARE_NUMBER.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "invalid duration \"" + s + "\": a bare number is ambiguous, add a unit " + HINT);
    }
    boolean negative = s.charAt(0) == '-';
    String body = s.charAt(0) == '-' || s.charAt(0) == '+' ? s.substring(1) : s;
    if (!body.isEmpty() && (body.charAt(0) == 'P' || body.charAt(0) == 'p')) {
      return iso(s);
    }
    BigDecimal nanos = goStyleNanos(body, s);
    if (nanos.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException("duration \"" + s + "\" is too large");
    }
    long value = nanos.longValueExact();
    return Duration.ofNanos(negative ? -value : value);
  }

  private static Duration iso(String s) {
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw invalid(s);
    }
  }

  private static BigDecimal goStyleNanos(String body, String whole) {
    if (body.isEmpty()) {
      throw invalid(whole);
    }
    Matcher m = PART.matcher(body);
    BigDecimal total = BigDecimal.ZERO;
    int pos = 0;
    while (pos < body.length()) {
      m.region(pos, body.length());
      if (!m.lookingAt()) {
        throw invalid(whole);
      }
      BigDecimal amount = new BigDecimal(m.group(1));
      total = total.add(amount.multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(m.group(2)))));
      pos = m.end();
    }
    return total.setScale(0, RoundingMode.DOWN);
  }

  private static IllegalArgumentException invalid(String s) {
    return new IllegalArgumentException("invalid duration \"" + s + "\" " + HINT);
  }
}
