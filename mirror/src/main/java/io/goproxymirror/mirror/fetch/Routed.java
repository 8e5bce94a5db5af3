package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.errors.StorageFullException;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.StorageSpace;
import io.reactivex.rxjava3.core.Single;

/**
 * Sends a request where the module's {@link ModuleRoute} says: private and noproxy modules are
 * built from Git only (never asked of an upstream proxy); every other module goes through its
 * route's {@link ProxyList} or the global one, whose {@code direct} entry builds from Git too.
 * While the data directory's file system is below {@code storage.min-free}, no source is asked:
 * the fetch fails with {@link StorageFullException} (507).
 */
public final class Routed implements ArtifactSource {
  private final RouteTable routes;
  private final FetchGate gate;
  private final ArtifactSource direct;
  private final StorageSpace space;

  /** {@code direct} is the Git source, already finished (verified, stored, recorded). */
  public Routed(RouteTable routes, FetchGate gate, ArtifactSource direct, StorageSpace space) {
    this.space = space;
    this.routes = routes;
    this.gate = gate;
    this.direct = direct;
  }

  @Override
  public Single<Fetched> fetch(ProxyRequest request) {
    return Single.defer(() -> {
      space.checkRoom();
      ModuleRoute route = routes.resolve(request.module());
      if (route.gitOnly()) {
        return gate.withPermit(permit -> direct.fetch(request));
      }
      return route.chain().orElseThrow().fetch(request);
    });
  }
}
