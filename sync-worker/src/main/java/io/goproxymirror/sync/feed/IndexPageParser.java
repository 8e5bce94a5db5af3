package io.goproxymirror.sync.feed;

import io.goproxymirror.sync.port.ModuleVersion;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a feed response: newline-delimited JSON objects with {@code Path}, {@code Version} and
 * {@code Timestamp} (RFC 3339 with any offset and precision). Blank lines are ignored; a line that
 * is not such an object is logged and counted, never fatal.
 */
final class IndexPageParser {
  private static final Logger LOG = LoggerFactory.getLogger(IndexPageParser.class);
  private static final int MAX_LOGGED_CHARS = 200;

  private IndexPageParser() {}

  static IndexPage parse(String body) {
    List<IndexEntry> entries = new ArrayList<>();
    int malformed = 0;
    String[] lines = body.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        entries.add(entry(line));
      } catch (IllegalArgumentException e) {
        malformed++;
        LOG.warn("event=index_line_malformed line={} reason=\"{}\" text=\"{}\"",
            i + 1, e.getMessage(), shorten(line));
      }
    }
    return new IndexPage(entries, malformed);
  }

  /** One entry, or IllegalArgumentException with the reason. */
  static IndexEntry entry(String line) {
    JsonObject json;
    try {
      json = new JsonObject(line);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String path = text(json, "Path");
    String version = text(json, "Version");
    String timestamp = text(json, "Timestamp");
    try {
      OffsetDateTime time = OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return new IndexEntry(new ModuleVersion(path, version), timestamp, time.toInstant());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Timestamp is not an RFC 3339 time");
    }
  }

  private static String text(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(field + " is missing or not a non-empty string");
    }
    return s;
  }

  private static String shorten(String line) {
    String s = line.length() > MAX_LOGGED_CHARS ? line.substring(0, MAX_LOGGED_CHARS) + "..." : line;
    return s.replace("\"", "'");
  }
}
