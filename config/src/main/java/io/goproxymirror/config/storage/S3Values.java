package io.goproxymirror.config.storage;

import io.goproxymirror.config.value.ByteSizeParser;
import io.goproxymirror.config.value.ValueParser;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parsers of the {@code storage.s3.*} values. Values that might be a secret pasted into the wrong
 * key (variable names, endpoints with user information) are never echoed in messages.
 */
public final class S3Values {

  static final long MIN_PART_SIZE = 5L << 20;
  static final long MAX_PART_SIZE = 5L << 30;

  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{1,253})[A-Za-z0-9]");
  private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PREFIX_ELEMENT = Pattern.compile("[\\x21-\\x7e&&[^\\\\]]+");

  private S3Values() {}

  /** A bucket name, or empty for none. */
  public static ValueParser<String> bucket() {
    return text -> {
      String s = text.strip();
      if (s.isEmpty() || BUCKET.matcher(s).matches()) {
        return s;
      }
      if (s.contains("/") || s.contains(":")) {
        throw new IllegalArgumentException(
            "must be a bucket name only, without s3:// or a path (a key prefix goes in"
                + " storage.s3.prefix, a service URL in storage.s3.endpoint)");
      }
      throw new IllegalArgumentException(
          "must be a bucket name of 3 to 255 letters, digits, '.', '-' or '_', starting and ending"
              + " with a letter or digit; got \"" + s + "\"");
    };
  }

  /** An absolute http(s) URL without user information, query or fragment; empty for AWS. */
  public static ValueParser<Optional<URI>> endpoint() {
    return text -> {
      String s = text.strip();
      if (s.isEmpty()) {
        return Optional.empty();
      }
      URI uri;
      try {
        uri = new URI(s);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("must be an http or https URL such as"
            + " https://minio.example.com:9000 (" + e.getReason() + ")");
      }
      if (uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException("must not contain user information: credentials come"
            + " from environment variables (see storage.s3.access-key-env)");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "must be an http or https URL such as https://minio.example.com:9000; got \"" + s + "\"");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("must not have a query or fragment; got \"" + s + "\"");
      }
      return Optional.of(uri);
    };
  }

  /** A region name such as {@code us-east-1} (or {@code auto}, {@code default} elsewhere). */
  public static ValueParser<String> region() {
    return text -> {
      String s = text.strip();
      if (!REGION.matcher(s).matches()) {
        throw new IllegalArgumentException(
            "must be a region name such as us-east-1 (letters, digits, '-' and '_'); got \"" + s + "\"");
      }
      return s;
    };
  }

  /** A key prefix: '/'-separated elements, no leading '/', a trailing '/' dropped; may be empty. */
  public static ValueParser<String> keyPrefix() {
    return text -> {
      String s = text.strip();
      if (s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      if (s.isEmpty()) {
        return s;
      }
      if (s.startsWith("/")) {
        throw new IllegalArgumentException("must not start with /; got \"" + s + "\"");
      }
      for (String element : s.split("/", -1)) {
        if (!PREFIX_ELEMENT.matcher(element).matches() || element.equals(".") || element.equals("..")) {
          throw new IllegalArgumentException("must be '/'-separated names of printable ASCII without"
              + " spaces or backslashes, no empty, '.' or '..' name; got \"" + s + "\"");
        }
      }
      return s;
    };
  }

  /** The name of an environment variable, or empty for none; the text itself is never echoed. */
  public static ValueParser<Optional<String>> variableName() {
    return text -> {
      String s = text.strip();
      if (s.isEmpty()) {
        return Optional.empty();
      }
      if (!VARIABLE.matcher(s).matches()) {
        throw new IllegalArgumentException("must be the name of an environment variable (letters,"
            + " digits and _, such as S3_ACCESS_KEY), not its value");
      }
      return Optional.of(s);
    };
  }

  /** A size within S3's part size limits, 5MiB..5GiB. */
  public static ValueParser<Long> partSize() {
    return text -> {
      long size = ByteSizeParser.parse(text);
      if (size < MIN_PART_SIZE || size > MAX_PART_SIZE) {
        throw new IllegalArgumentException(
            "must be between 5MiB and 5GiB (S3's part size limits); got \"" + text.strip() + "\"");
      }
      return size;
    };
  }
}
