package io.goproxymirror.config.sync;

import io.goproxymirror.config.value.ValueParser;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Parsers of the {@code sync.index.*} values that are neither numbers nor durations. */
public final class SyncIndexValues {

  private SyncIndexValues() {}

  /**
   * An absolute http(s) URL without user information or fragment, whose query (if any) does not
   * set {@code since} or {@code limit}, which the worker adds itself.
   */
  public static ValueParser<URI> url() {
    return text -> {
      String s = text.strip();
      URI uri;
      try {
        uri = new URI(s);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "must be an http or https URL such as https://index.golang.org/index (" + e.getReason() + ")");
      }
      if (uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException("must not contain user information");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "must be an http or https URL such as https://index.golang.org/index; got \"" + s + "\"");
      }
      if (uri.getRawFragment() != null) {
        throw new IllegalArgumentException("must not have a fragment; got \"" + s + "\"");
      }
      if (uri.getRawQuery() != null) {
        for (String pair : uri.getRawQuery().split("&")) {
          String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
          if (name.equals("since") || name.equals("limit")) {
            throw new IllegalArgumentException("must not set " + name
                + " in its query: the worker sends since (its cursor) and limit (sync.index.limit)");
          }
        }
      }
      return uri;
    };
  }

  /** Empty, or an RFC 3339 time with an offset, such as {@code 2024-01-01T00:00:00Z}. */
  public static ValueParser<Optional<Instant>> since() {
    return text -> {
      String s = text.strip();
      if (s.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "must be an RFC 3339 time with an offset, such as 2024-01-01T00:00:00Z; got \"" + s + "\"");
      }
    };
  }
}
