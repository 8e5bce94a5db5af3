package io.goproxymirror.mirror.fetch;

import io.goproxymirror.config.upstream.GoproxyList;
import io.goproxymirror.config.upstream.Route;
import io.goproxymirror.gomod.PathPatterns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Routes a module by its path. The source: {@code private} and then {@code noproxy} modules are
 * built from Git only; otherwise the first matching entry of {@code routes} that has an upstream
 * list uses it; every other module uses the global list. The negative TTL is the one of the first
 * matching route entry, if it sets one (for private and noproxy modules too), else the global one.
 * Only the first matching entry counts, for both.
 */
public final class RouteTable {
  private final PathPatterns privateModules;
  private final PathPatterns noproxy;
  private final List<Entry> entries;
  private final ProxyList global;
  private final GoproxyList globalList;
  private final Duration negativeTtl;

  private record Entry(String name, Route route, Optional<ProxyList> chain) {}

  /**
   * @param globalList the global {@code upstream}, parsed when the configuration was loaded
   * @param chainOf builds the list of a parsed GOPROXY list (the global one and each route's,
   *     sharing upstreams)
   * @param negativeTtl {@code cache.negative-ttl}
   */
  public RouteTable(PathPatterns privateModules, PathPatterns noproxy, List<Route> routes,
      GoproxyList globalList, Function<GoproxyList, ProxyList> chainOf, Duration negativeTtl) {
    this.privateModules = privateModules;
    this.noproxy = noproxy;
    this.global = chainOf.apply(globalList);
    this.globalList = globalList;
    this.negativeTtl = negativeTtl;
    List<Entry> list = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      list.add(new Entry("routes[" + i + "]", route, route.upstreamList().map(chainOf)));
    }
    this.entries = List.copyOf(list);
  }

  /** The route of {@code module}. */
  public ModuleRoute resolve(String module) {
    Optional<Entry> entry = firstMatch(module);
    Duration ttl = entry.flatMap(e -> e.route().negativeTtl()).orElse(negativeTtl);
    if (privateModules.matches(module)) {
      return new ModuleRoute("private", Optional.empty(), ttl);
    }
    if (noproxy.matches(module)) {
      return new ModuleRoute("noproxy", Optional.empty(), ttl);
    }
    if (entry.isPresent() && entry.get().chain().isPresent()) {
      return new ModuleRoute(entry.get().name(), entry.get().chain(), ttl);
    }
    return new ModuleRoute("upstream", Optional.of(global), ttl);
  }

  /** How long a not-found answer for {@code module} is kept. */
  public Duration negativeTtl(String module) {
    return firstMatch(module).flatMap(e -> e.route().negativeTtl()).orElse(negativeTtl);
  }

  /** The effective routing in key=value form for the start-up log; URL userinfo is hidden. */
  public String describe() {
    StringBuilder routes = new StringBuilder();
    for (Entry e : entries) {
      if (routes.length() > 0) {
        routes.append("; ");
      }
      routes.append(e.route().pattern())
          .append(" upstream=").append(e.route().upstreamList().map(GoproxyList::redacted).orElse("(global)"))
          .append(" negative-ttl=").append(e.route().negativeTtl().map(Duration::toString).orElse("(global)"));
    }
    return "private=\"" + privateModules + "\" noproxy=\"" + noproxy + "\" routes=\"" + routes
        + "\" upstream=\"" + globalList.redacted() + "\" negative_ttl=" + negativeTtl;
  }

  private Optional<Entry> firstMatch(String module) {
    for (Entry e : entries) {
      if (e.route().pattern().matches(module)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
