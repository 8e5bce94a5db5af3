package io.goproxymirror.mirror.fetch;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the fetches of one module go and how long its not-found answers are kept, as {@link
 * RouteTable} decides.
 *
 * @param name what decided it, for logs: {@code private}, {@code noproxy}, {@code routes[i]} or
 *     {@code upstream}
 * @param chain the upstream list to ask; empty when the module is built from Git only
 * @param negativeTtl how long a not-found answer for the module is kept
 */
public record ModuleRoute(String name, Optional<ProxyList> chain, Duration negativeTtl) {

  /** Whether the module is built from Git only, never asked of an upstream proxy. */
  public boolean gitOnly() {
    return chain.isEmpty();
  }
}
