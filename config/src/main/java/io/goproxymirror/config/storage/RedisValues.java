package io.goproxymirror.config.storage;

import io.goproxymirror.config.value.ValueParser;
import java.util.List;

/** Parsers of the {@code metadata.redis.*} values that are neither numbers nor durations. */
public final class RedisValues {

  private RedisValues() {}

  /** Empty, or one Redis URL checked by {@link RedisUrls#check(String)}. */
  public static ValueParser<String> url() {
    return text -> text.isBlank() ? "" : RedisUrls.check(text);
  }

  /** Comma-separated Redis URLs, each checked by {@link RedisUrls#check(String)}; may be empty. */
  public static ValueParser<List<String>> urls() {
    return RedisUrls::checkList;
  }

  /**
   * A prefix for Redis keys, kept as written: may be empty, at most 64 characters, no white space
   * or control characters, and no braces, which would make it the Redis Cluster hash tag.
   */
  public static ValueParser<String> keyPrefix() {
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
}
