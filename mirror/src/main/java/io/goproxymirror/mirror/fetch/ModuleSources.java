package io.goproxymirror.mirror.fetch;

import io.goproxymirror.config.PathPatterns;
import io.goproxymirror.mirror.fetch.git.DirectSource;
import io.reactivex.rxjava3.core.Single;
import java.util.function.Function;

/**
 * Routes a fetch by module path: private modules are built from Git only (never asked of an
 * upstream proxy); every other module goes through the upstream list, whose {@code direct} entry
 * builds from Git too.
 */
public final class ModuleSources {
  private final UpstreamChain chain;
  private final PathPatterns privateModules;
  private final DirectSource direct;

  public ModuleSources(UpstreamChain chain, PathPatterns privateModules, DirectSource direct) {
    this.chain = chain;
    this.privateModules = privateModules;
    this.direct = direct;
  }

  /** Whether {@code module} is private (built from Git only). */
  public boolean isPrivate(String module) {
    return privateModules.matches(module);
  }

  /**
   * Fetches {@code path} for {@code module}: through the upstream list (a 200 response goes to
   * {@code viaProxy}), or from Git with {@code viaDirect} for private modules and when the list
   * reaches {@code direct}.
   */
  public <T> Single<T> fetch(String module, String path, String endpoint,
      Function<UpstreamResponse, Single<T>> viaProxy, Function<DirectSource, Single<T>> viaDirect) {
    if (isPrivate(module)) {
      return chain.withPermit(() -> viaDirect.apply(direct));
    }
    return chain.fetch(path, endpoint, viaProxy, () -> viaDirect.apply(direct));
  }
}
