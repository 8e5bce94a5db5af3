package io.goproxymirror.config.upstream;

import io.goproxymirror.config.source.ListItem;
import io.goproxymirror.config.value.ConfigException;
import io.goproxymirror.config.value.ValueParser;
import io.goproxymirror.gomod.PathPatterns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts the entries of {@code routes}. {@code pattern} is required and holds GOPRIVATE-style
 * globs ({@link PathPatterns}); {@code upstream} is a GOPROXY list with the checks of the global
 * {@code upstream}; {@code negative-ttl} a positive duration. An entry needs at least one of the
 * two optional keys, since without them it would change nothing.
 */
public final class Routes {

  private static final List<String> REQUIRED = List.of("pattern");

  private Routes() {}

  public static List<Route> parse(List<ListItem> items) {
    List<Route> routes = new ArrayList<>();
    for (ListItem item : items) {
      PathPatterns pattern = item.requiredPatterns("pattern", REQUIRED);
      Optional<GoproxyList> upstream = item.parsed("upstream", GoproxyList::parse);
      Optional<Duration> negativeTtl = item.parsed("negative-ttl", ValueParser.positiveDuration());
      if (upstream.isEmpty() && negativeTtl.isEmpty()) {
        throw new ConfigException(
            item.path(),
            "sets neither upstream nor negative-ttl, so it would change nothing (set one or both)");
      }
      routes.add(Route.of(pattern, upstream, negativeTtl));
    }
    return List.copyOf(routes);
  }
}
