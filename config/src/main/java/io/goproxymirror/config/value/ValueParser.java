package io.goproxymirror.config.value;

import io.goproxymirror.gomod.PathPatterns;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Converts the text of one configuration value and checks it. Values from the file and from the
 * environment go through the same parser. The parsers here know no key; the ones for a domain's
 * values live next to it ({@code S3Values}, {@code RedisValues}, {@code SyncIndexValues}).
 *
 * @param <T> the type of the converted value
 */
@FunctionalInterface
public interface ValueParser<T> {

  /**
   * @param text the value, never null
   * @return the converted value
   * @throws IllegalArgumentException with a one-line reason that does not name the key
   */
  T parse(String text);

  /** A non-empty string, stripped. */
  static ValueParser<String> text() {
    return text -> {
      String s = text.strip();
      if (s.isEmpty()) {
        throw new IllegalArgumentException("must not be empty");
      }
      return s;
    };
  }

  /** A string, stripped; may be empty. */
  static ValueParser<String> optionalText() {
    return String::strip;
  }

  /** A whole number in {@code min..max}. */
  static ValueParser<Integer> intIn(int min, int max) {
    return text -> Math.toIntExact(wholeNumber(text, min, max));
  }

  /** A whole number of at least {@code min}. */
  static ValueParser<Long> longAtLeast(long min) {
    return text -> wholeNumber(text, min, Long.MAX_VALUE);
  }

  /** A duration greater than zero, see {@link DurationParser}. */
  static ValueParser<Duration> positiveDuration() {
    return text -> {
      Duration d = DurationParser.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(
            "must be a positive duration, got \"" + text.strip() + "\" " + DurationParser.HINT);
      }
      return d;
    };
  }

  /** A duration of zero or more, see {@link DurationParser}. */
  static ValueParser<Duration> nonNegativeDuration() {
    return text -> {
      Duration d = DurationParser.parse(text);
      if (d.isNegative()) {
        throw new IllegalArgumentException(
            "must be a duration of zero or more, got \"" + text.strip() + "\" " + DurationParser.HINT);
      }
      return d;
    };
  }

  /** A size in bytes, see {@link ByteSizeParser}. */
  static ValueParser<Long> byteSize() {
    return ByteSizeParser::parse;
  }

  /** One of {@code choices}, any letter case, returned in lower case. */
  static ValueParser<String> oneOf(String... choices) {
    List<String> allowed = List.of(choices);
    return text -> {
      String s = text.strip().toLowerCase(Locale.ROOT);
      if (!allowed.contains(s)) {
        throw new IllegalArgumentException(
            "must be one of " + String.join(", ", allowed) + "; got \"" + text.strip() + "\"");
      }
      return s;
    };
  }

  /** A file system path, not empty. */
  static ValueParser<Path> path() {
    return text -> {
      String s = text().parse(text);
      try {
        return Path.of(s);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("invalid path \"" + s + "\": " + e.getReason());
      }
    };
  }

  /** A file system path as an {@code Optional<Path>}: empty when the text is blank. */
  static ValueParser<Optional<Path>> optionalPath() {
    return text -> text.isBlank() ? Optional.empty() : Optional.of(path().parse(text));
  }

  /** {@code true} or {@code false}, any letter case. */
  static ValueParser<Boolean> bool() {
    return text -> {
      String s = text.strip().toLowerCase(Locale.ROOT);
      if (!s.equals("true") && !s.equals("false")) {
        throw new IllegalArgumentException("must be true or false; got \"" + text.strip() + "\"");
      }
      return Boolean.valueOf(s);
    };
  }

  private static long wholeNumber(String text, long min, long max) {
    String s = text.strip();
    long value;
    try {
      value = Long.parseLong(s);
    } catch (NumberFormatException e) {
      String why = s.matches("[+-]?\\d+") ? "out of range" : "expected a whole number";
      throw new IllegalArgumentException(why + ", got \"" + s + "\"");
    }
    if (value < min || value > max) {
      String range =
          max == Long.MAX_VALUE || max == Integer.MAX_VALUE
              ? "must be at least " + min
              : "must be between " + min + " and " + max;
      throw new IllegalArgumentException(range + ", got " + value);
    }
    return value;
  }
}
