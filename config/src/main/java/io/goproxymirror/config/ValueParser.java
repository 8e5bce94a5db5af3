package io.goproxymirror.config;

import io.goproxymirror.gomod.PathPatterns;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Converts the text of one configuration value and checks it. Values from the file and from the
 * environment go through the same parser.
 */
@FunctionalInterface
interface ValueParser {

  /**
   * @param text the value, never null
   * @return the converted value
   * @throws IllegalArgumentException with a one-line reason that does not name the key
   */
  Object parse(String text);

  /** A non-empty string, stripped. */
  static ValueParser text() {
    return text -> {
      String s = text.strip();
      if (s.isEmpty()) {
        throw new IllegalArgumentException("must not be empty");
      }
      return s;
    };
  }

  /** A string, stripped; may be empty. */
  static ValueParser optionalText() {
    return String::strip;
  }

  /** Empty, or one Redis URL checked by {@link RedisUrls#check(String)}. */
  static ValueParser redisUrl() {
    return text -> text.isBlank() ? "" : RedisUrls.check(text);
  }

  /** Comma-separated Redis URLs, each checked by {@link RedisUrls#check(String)}; may be empty. */
  static ValueParser redisUrls() {
    return RedisUrls::checkList;
  }

  /**
   * A prefix for Redis keys, kept as written: may be empty, at most 64 characters, no white space
   * or control characters, and no braces, which would make it the Redis Cluster hash tag.
   */
  static ValueParser redisKeyPrefix() {
    return text -> {
      if (text.length() > 64) {
        throw new IllegalArgumentException("must be at most 64 characters, got " + text.length());
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '{' || c == '}') {
          throw new IllegalArgumentException(
              "must not contain { or } (the mirror puts the Redis Cluster hash tag after it)");
        }
        if (Character.isWhitespace(c) || Character.isISOControl(c)) {
          throw new IllegalArgumentException("must not contain white space or control characters");
        }
      }
      return text;
    };
  }

  /** A whole number in {@code min..max}. */
  static ValueParser intIn(int min, int max) {
    return text -> (int) wholeNumber(text, min, max);
  }

  /** A whole number of at least {@code min}. */
  static ValueParser longAtLeast(long min) {
    return text -> wholeNumber(text, min, Long.MAX_VALUE);
  }

  /** A duration greater than zero, see {@link DurationParser}. */
  static ValueParser positiveDuration() {
    return text -> {
      Duration d = DurationParser.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(
            "must be a positive duration, got \"" + text.strip() + "\" " + DurationParser.HINT);
      }
      return d;
    };
  }

  /** A size in bytes, see {@link ByteSizeParser}. */
  static ValueParser byteSize() {
    return ByteSizeParser::parse;
  }

  /** One of {@code choices}, any letter case, returned in lower case. */
  static ValueParser oneOf(String... choices) {
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

  /** A {@link StorageType} by its configuration name, any letter case. */
  static ValueParser storageType() {
    ValueParser names = oneOf("file", "s3");
    return text -> StorageType.valueOf(((String) names.parse(text)).toUpperCase(Locale.ROOT));
  }

  /** A file system path, not empty. */
  static ValueParser path() {
    return text -> {
      String s = (String) text().parse(text);
      try {
        return Path.of(s);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("invalid path \"" + s + "\": " + e.getReason());
      }
    };
  }

  /** A file system path as an {@code Optional<Path>}: empty when the text is blank. */
  static ValueParser optionalPath() {
    return text -> text.isBlank() ? Optional.empty() : Optional.of((Path) path().parse(text));
  }

  /** A GOPROXY list, checked with {@link UpstreamList#parse(String)} and kept as written. */
  static ValueParser goproxyList() {
    return text -> {
      String s = text.strip();
      UpstreamList.parse(s);
      return s;
    };
  }

  /** A GOPRIVATE-style list of module path globs, parsed by {@link PathPatterns#parse(String)}. */
  static ValueParser pathPatterns() {
    return PathPatterns::parse;
  }

  /** {@code true} or {@code false}, any letter case. */
  static ValueParser bool() {
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
