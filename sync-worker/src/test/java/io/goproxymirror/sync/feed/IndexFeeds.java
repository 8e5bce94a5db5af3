package io.goproxymirror.sync.feed;

import io.goproxymirror.sync.port.ModuleVersion;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Builds feed entries in groups that share one timestamp, some written with a -07:00 offset. */
final class IndexFeeds {
  static final Instant START = Instant.parse("2019-04-10T19:08:52.997264Z");
  private static final DateTimeFormatter OLD_STYLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private IndexFeeds() {}

  /**
   * Groups of the given sizes, one second apart from {@code from}; every third group's timestamp
   * is written with a -07:00 offset, the rest in UTC. Module paths are {@code prefix/g<group>}.
   */
  static List<IndexEntry> groups(String prefix, Instant from, int... sizes) {
    List<IndexEntry> entries = new ArrayList<>();
    for (int g = 0; g < sizes.length; g++) {
      Instant time = from.plusSeconds(g).plusNanos(1000L * g);
      String timestamp = g % 3 == 2 ? OLD_STYLE.format(time.atOffset(ZoneOffset.ofHours(-7))) : time.toString();
      for (int i = 0; i < sizes[g]; i++) {
        entries.add(entry(prefix + "/g" + g, "v1." + i + ".0", timestamp, time));
      }
    }
    return entries;
  }

  static IndexEntry entry(String path, String version, String timestamp, Instant time) {
    return new IndexEntry(new ModuleVersion(path, version), timestamp, time);
  }
}
