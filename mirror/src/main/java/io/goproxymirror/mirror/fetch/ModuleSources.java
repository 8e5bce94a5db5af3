package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.fetch.git.DirectSource;
import io.goproxymirror.mirror.store.StorageSpace;
import io.reactivex.rxjava3.core.Single;
import java.util.function.Function;

/**
 * Sends a fetch where the module's {@link ModuleRoute} says: private and noproxy modules are built
 * from Git only (never asked of an upstream proxy); every other module goes through its route's
 * upstream list or the global one, whose {@code direct} entry builds from Git too. While the
 * data directory's file system is below {@code storage.min-free}, no source is asked: the fetch
 * fails with {@link io.goproxymirror.mirror.errors.StorageFullException} (507).
 */
public final class ModuleSources {
  private final RouteTable routes;
  private final FetchGate gate;
  private final DirectSource direct;
  private final StorageSpace space;

  public ModuleSources(RouteTable routes, FetchGate gate, DirectSource direct, StorageSpace space) {
    this.space = space;
    this.routes = routes;
    this.gate = gate;
    this.direct = direct;
  }

  /**
   * Fetches {@code path} for {@code module}: through the module's upstream list (a 200 response
   * goes to {@code viaProxy}), or from Git with {@code viaDirect} for Git-only modules and when the
   * list reaches {@code direct}.
   */
  public <T> Single<T> fetch(String module, String path, String endpoint,
      Function<UpstreamResponse, Single<T>> viaProxy, Function<DirectSource, Single<T>> viaDirect) {
    return Single.defer(() -> {
      space.checkRoom();
      ModuleRoute route = routes.resolve(module);
      if (route.gitOnly()) {
        return gate.withPermit(permit -> viaDirect.apply(direct));
      }
      return route.chain().orElseThrow().fetch(path, endpoint, viaProxy, () -> viaDirect.apply(direct));
    });
  }
}
