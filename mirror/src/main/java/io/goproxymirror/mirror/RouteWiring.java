package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.SumdbConfig;
import io.goproxymirror.config.SumdbDatabase;
import io.goproxymirror.gomod.PathPatterns;
import io.goproxymirror.mirror.access.AccessHandler;
import io.goproxymirror.mirror.http.AdminRoutes;
import io.goproxymirror.mirror.http.ModuleRoutes;
import io.goproxymirror.mirror.http.OpsRoutes;
import io.goproxymirror.mirror.http.ServerDrain;
import io.goproxymirror.mirror.http.ServiceAnswers;
import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.store.BlobStore;
import io.goproxymirror.mirror.sumdb.SumdbDatabaseClient;
import io.goproxymirror.mirror.sumdb.SumdbRoutes;
import io.goproxymirror.mirror.sumdb.SumdbService;
import io.goproxymirror.sync.SyncWorker;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The routes of a role: operations always; the protocol and checksum-database routes when it
 * serves clients; the admin API where the worker runs (elsewhere it answers 404 saying so); all of
 * them behind the access check when {@code auth.*} configures access control.
 */
final class RouteWiring {

  private RouteWiring() {}

  /**
   * The routes of {@code role}, mounted on each HTTP verticle's router.
   *
   * @param openFiles how many stored files the module routes keep open at most
   * @param drain the shutdown phase, which {@code /readyz} reports
   */
  static Consumer<Router> routes(PipelineInputs parts, Role role, Pipeline pipeline, Optional<SyncWorker> worker,
      int openFiles, ThrottledLog throttledLog, ServerDrain drain) {
    MirrorConfig config = parts.config();
    Stores stores = parts.stores();
    OpsRoutes ops = new OpsRoutes(parts.platform().registry(), stores::available, () -> new JsonArray(
        pipeline.upstreams().all().stream().map(u -> (Object) u.health().status()).toList()),
        parts.space()::nearlyFull, drain::shuttingDown);
    AdminRoutes admin = new AdminRoutes(config.admin().token(), worker);
    if (!role.serves()) {
      return router -> {
        ops.mount(router);
        admin.mount(router);
      };
    }
    ModuleRoutes module = new ModuleRoutes(new ServiceAnswers(pipeline.artifacts(), pipeline.zips(),
        pipeline.lists(), pipeline.latest()), parts.platform().metrics(), SyncWiring.clientMisses(worker, stores.sync()), openFiles,
        throttledLog);
    SumdbRoutes sumdb = sumdbRoutes(config, parts.platform(), stores.blobs(), parts.git().privateModules());
    return router -> {
      ops.mount(router);
      admin.mount(router);
      sumdb.mount(router);
      module.mount(router);
    };
  }

  /**
   * {@code routes} behind the access check when access control is on ({@code access} present): the
   * check is mounted first, in front of every route; else {@code routes} as they are.
   */
  static Consumer<Router> guarded(Optional<AccessHandler> access, Consumer<Router> routes) {
    return access.<Consumer<Router>>map(handler -> router -> {
      handler.mount(router);
      routes.accept(router);
    }).orElse(routes);
  }

  private static SumdbRoutes sumdbRoutes(MirrorConfig config, Platform platform, BlobStore blobs,
      PathPatterns privateModules) {
    SumdbConfig sumdb = config.sumdb();
    Map<String, SumdbDatabaseClient> clients = new LinkedHashMap<>();
    for (SumdbDatabase database : sumdb.databases()) {
      clients.put(database.name(), new SumdbDatabaseClient(platform.vertx(), database.name(), database.url(),
          config.upstreamTimeouts(), config.fetch().connectionsPerUpstream(), platform.metrics()));
    }
    SumdbService service = new SumdbService(
        clients, blobs, config.cache().memoryBytes(), sumdb.lookupTtl(), sumdb.tileTtl(), platform.clock());
    return new SumdbRoutes(service, privateModules, sumdb.noSumdb(), platform.metrics(), sumdb.lookupTtl());
  }
}
