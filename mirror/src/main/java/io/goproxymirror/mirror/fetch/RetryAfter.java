package io.goproxymirror.mirror.fetch;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses an HTTP {@code Retry-After} header: delay-seconds or an HTTP-date. */
final class RetryAfter {
  private RetryAfter() {}

  /** The wait in milliseconds (0 for a date in the past), or -1 when absent or malformed. */
  static long millis(String header) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 || seconds > 86_400 ? -1 : seconds * 1000;
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Math.max(0, at.toEpochMilli() - System.currentTimeMillis());
      } catch (DateTimeParseException notDate) {
        return -1;
      }
    }
  }
}
