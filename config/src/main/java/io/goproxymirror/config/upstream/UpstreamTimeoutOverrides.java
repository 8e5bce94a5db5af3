package io.goproxymirror.config.upstream;

import io.goproxymirror.config.source.ListItem;
import io.goproxymirror.config.value.ConfigException;
import io.goproxymirror.config.value.ValueParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts the entries of {@code upstream-timeouts.overrides}. {@code url} is required and must be
 * one upstream URL as a GOPROXY list would hold it (not {@code direct}, {@code off} or a list); it
 * is kept normalized the way {@link UpstreamList} normalizes it, and may appear once. Every other
 * key is an optional positive duration, and at least one must be set.
 */
public final class UpstreamTimeoutOverrides {

  private static final List<String> REQUIRED = List.of("url");
  private static final List<String> TIMEOUTS = List.of("connect", "first-byte", "idle", "total");

  private UpstreamTimeoutOverrides() {}

  public static List<UpstreamTimeoutOverride> parse(List<ListItem> items) {
    List<UpstreamTimeoutOverride> overrides = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (ListItem item : items) {
      String url = url(item, item.required("url", REQUIRED));
      String earlier = seen.putIfAbsent(url, item.path());
      if (earlier != null) {
        throw new ConfigException(
            item.pathOf("url"), "the same upstream is already in " + earlier + "; merge the two entries");
      }
      if (TIMEOUTS.stream().noneMatch(f -> item.text(f).isPresent())) {
        throw new ConfigException(
            item.path(), "sets no timeout; give at least one of " + String.join(", ", TIMEOUTS));
      }
      overrides.add(new UpstreamTimeoutOverride(
          url, duration(item, "connect"), duration(item, "first-byte"), duration(item, "idle"),
          duration(item, "total")));
    }
    return List.copyOf(overrides);
  }

  private static String url(ListItem item, String text) {
    List<UpstreamEntry> entries;
    try {
      entries = UpstreamList.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(item.pathOf("url"), e.getMessage());
    }
    if (entries.size() != 1 || text.indexOf(',') >= 0 || text.indexOf('|') >= 0) {
      throw new ConfigException(
          item.pathOf("url"), "must be one upstream URL, not a GOPROXY list; write one entry per upstream");
    }
    UpstreamEntry entry = entries.get(0);
    if (entry.kind() != UpstreamEntry.Kind.PROXY) {
      throw new ConfigException(
          item.pathOf("url"), "must be an upstream proxy URL; " + text.strip() + " has no timeouts to set");
    }
    return entry.url();
  }

  private static Optional<Duration> duration(ListItem item, String field) {
    return item.parsed(field, ValueParser.positiveDuration());
  }
}
