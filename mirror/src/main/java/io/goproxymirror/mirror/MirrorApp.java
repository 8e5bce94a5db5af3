package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.PathPatterns;
import io.goproxymirror.config.SumdbConfig;
import io.goproxymirror.config.SumdbDatabase;
import io.goproxymirror.config.UpstreamList;
import io.goproxymirror.mirror.flight.ArtifactLocks;
import io.goproxymirror.mirror.flight.ReplicaFlight;
import io.goproxymirror.mirror.http.AdminRoutes;
import io.goproxymirror.mirror.http.ConnectionBudget;
import io.goproxymirror.mirror.http.GuardedTransport;
import io.goproxymirror.mirror.http.HttpVerticle;
import io.goproxymirror.mirror.http.ModuleRoutes;
import io.goproxymirror.mirror.http.ServiceAnswers;
import io.goproxymirror.mirror.http.OpsRoutes;
import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.rx.RxFutures;
import io.goproxymirror.mirror.store.BlobStore;
import io.goproxymirror.mirror.store.MetadataStore;
import io.goproxymirror.mirror.store.StorageSpace;
import io.goproxymirror.mirror.sumdb.SumdbDatabaseClient;
import io.goproxymirror.mirror.sumdb.SumdbRoutes;
import io.goproxymirror.mirror.sumdb.SumdbService;
import io.goproxymirror.sync.SyncWorker;
import io.goproxymirror.sync.SyncWorkerVerticle;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.transport.Transport;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring: one validated configuration in, a running process out. Creates the one Prometheus
 * registry, Vert.x with that registry, the stores and services, and deploys the verticles of the
 * role. Tests start it in-process the same way the launcher does.
 */
public final class MirrorApp {
  private static final Logger LOG = LoggerFactory.getLogger(MirrorApp.class);
  /** Repeated failures (accept errors, failed requests) are summarised once per this interval. */
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
  private final Vertx vertx;
  private final IoPool io;
  private final MetadataStore metadata;
  private final BlobStore blobs;
  private final ArtifactLocks locks;
  private final GitSourceWiring git;
  private final StorageSpace space;
  private final int port;
  private final Duration shutdownTimeout;
  private volatile String httpDeployment;
  private volatile String syncDeployment;

  private MirrorApp(Vertx vertx, IoPool io, MetadataStore metadata, BlobStore blobs, ArtifactLocks locks,
      GitSourceWiring git, StorageSpace space, int port, Duration shutdownTimeout) {
    this.space = space;
    this.vertx = vertx;
    this.io = io;
    this.metadata = metadata;
    this.blobs = blobs;
    this.locks = locks;
    this.git = git;
    this.port = port;
    this.shutdownTimeout = shutdownTimeout;
  }

  /** Starts everything for {@code role} with the process environment (for credential variables). */
  public static Single<MirrorApp> start(MirrorConfig config, Role role) {
    return start(config, role, System.getenv());
  }

  /**
   * Starts everything for {@code role}; completes when the HTTP server listens. {@code env} is
   * where credential environment variables named by {@code git.credentials} are read.
   */
  public static Single<MirrorApp> start(MirrorConfig config, Role role, Map<String, String> env) {
    return Single.defer(() -> {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ThrottledLog throttledLog = new ThrottledLog(LOG_INTERVAL);
      DescriptorBudget descriptors = DescriptorBudget.of(config,
          DescriptorBudget.processLimit().orElse(Integer.MAX_VALUE), VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
      if (descriptors.low()) {
        LOG.warn(descriptors.warning());
      }
      ConnectionBudget connections = new ConnectionBudget(descriptors.clientConnections(), descriptors.overflowConnections());
      Transport transport = GuardedTransport.create(connections, throttledLog);
      Vertx vertx = Vertx.builder()
          .with(new VertxOptions()
              // Nothing is served from the class path: no vertx-cache-* directory in the temp
              // directory, which a killed process would leave behind.
              .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false)
                  .setFileCachingEnabled(false))
              .setMetricsOptions(new MicrometerMetricsOptions()
              .setEnabled(true)
              // Per-request HTTP server meters are the mirror's own (goproxy_mirror_requests_*);
              // Vert.x's would double the cost of a warm hit for no extra information.
              .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)))
          .withMetrics(new MicrometerMetricsFactory(registry))
          .withTransport(transport)
          .build();
      vertx.setPeriodic(LOG_INTERVAL.toMillis(), id -> throttledLog.flush());
      vertx.exceptionHandler(err -> unhandled(throttledLog, err));
      Gauge.builder("goproxy_mirror_client_connections", connections, ConnectionBudget::open)
          .description("client connections open").register(registry);
      FunctionCounter.builder(
              "goproxy_mirror_connections_shed_total", connections, ConnectionBudget::shed)
          .description("client connections answered 503 because the connection budget was used up")
          .register(registry);
      MirrorMetrics metrics = new MirrorMetrics(registry);
      IoPool io = new IoPool(config.storage().ioThreads());
      MetadataStore metadata = null;
      BlobStore blobs = null;
      ArtifactLocks locks = null;
      GitSourceWiring git = null;
      StorageSpace space = null;
      Consumer<Router> routes;
      Optional<SyncWorker> worker;
      Pipeline pipeline;
      Path data;
      int port;
      try {
        data = prepareDataDir(config.storage().path());
        space = StorageSpace.of(data, config.storage().minFree(), io.reads());
        metrics.storageSpace(space::freeBytes, space::nearlyFull);
        metadata = StoreWiring.openMetadata(config, vertx, io, data, env, metrics);
        port = config.server().port() == 0 ? freePort(config.server().host()) : config.server().port();
        blobs = StoreWiring.openBlobs(config, io, data, env);
        locks = StoreWiring.openLocks(config, vertx, env);
        git = new GitSourceWiring(config, config.privatePatterns(), data, env, metrics);
        Clock clock = Clock.systemUTC();
        pipeline = Pipeline.build(config, vertx, io, data, metadata, blobs,
            new ReplicaFlight(locks, lockingUsable(metadata)), git, metrics, clock, space);
        worker = role.syncs()
            ? Optional.of(SyncWiring.worker(config, vertx, metadata, pipeline, registry))
            : Optional.empty();
        routes = routes(config, role, vertx, metadata, blobs, git, pipeline, worker, metrics, registry, clock, space,
            descriptors.openFiles(), throttledLog);
      } catch (RuntimeException e) {
        // Nothing is serving yet: release what was created so a failed start leaves no threads behind.
        MetadataStore opened = metadata;
        BlobStore openedBlobs = blobs;
        ArtifactLocks openedLocks = locks;
        if (git != null) {
          git.close();
        }
        if (space != null) {
          space.close();
        }
        return (openedLocks == null ? Completable.complete() : openedLocks.close().onErrorComplete())
            .andThen(Completable.defer(() -> opened == null ? Completable.complete() : opened.close()))
            .onErrorComplete()
            .andThen(Completable.defer(
                () -> openedBlobs == null ? Completable.complete() : StoreWiring.closeBlobs(openedBlobs)))
            .andThen(Completable.defer(() -> RxFutures.completable(vertx.close())))
            .onErrorComplete()
            .doFinally(io::shutdown)
            .andThen(Single.error(e));
      }
      int instances = config.server().instances() > 0
          ? config.server().instances()
          : Runtime.getRuntime().availableProcessors();
      Duration shutdownTimeout = config.server().shutdownTimeout();
      MirrorApp app = new MirrorApp(vertx, io, metadata, blobs, locks, git, space, port, shutdownTimeout);
      Completable http = RxFutures.single(vertx.deployVerticle(
              () -> new HttpVerticle(config.server().host(), port, config.server().headerTimeout(), throttledLog,
                  routes, shutdownTimeout),
              new DeploymentOptions().setInstances(instances)))
          .doOnSuccess(id -> app.httpDeployment = id)
          .ignoreElement();
      Completable sync = worker
          .map(w -> RxFutures.single(vertx.deployVerticle(new SyncWorkerVerticle(w)))
              .doOnSuccess(id -> app.syncDeployment = id)
              .ignoreElement())
          .orElse(Completable.complete());
      Pipeline started = pipeline;
      return http.andThen(sync)
          .doOnComplete(() -> started.listRepair().ifPresent(repair -> repair.run().subscribe(
              added -> { }, err -> LOG.warn("event=list_reconcile_failed reason=\"{}\"", err.toString()))))
          .doOnComplete(() -> LOG.info(
              "event=started role={} port={} data={} upstream=\"{}\" instances={} transport={} descriptor_limit={}"
                  + " client_connections={} open_files={}",
              role.name().toLowerCase(Locale.ROOT), port, data, UpstreamList.redact(config.upstream()),
              instances, transport.name(), descriptors.limit(), connections.max(), descriptors.openFiles()))
          .onErrorResumeNext(err -> app.stop().onErrorComplete().andThen(Completable.error(err)))
          .toSingleDefault(app);
    });
  }

  /**
   * The routes of {@code role}: operations always; the protocol and checksum-database routes when it
   * serves clients; the admin API where the worker runs (elsewhere it answers 404 saying so).
   */
  private static Consumer<Router> routes(MirrorConfig config, Role role, Vertx vertx, MetadataStore metadata,
      BlobStore blobs, GitSourceWiring git, Pipeline pipeline, Optional<SyncWorker> worker, MirrorMetrics metrics,
      PrometheusMeterRegistry registry, Clock clock, StorageSpace space, int openFiles, ThrottledLog throttledLog) {
    OpsRoutes ops = new OpsRoutes(registry, availability(metadata), () -> new JsonArray(
        pipeline.upstreams().all().stream().map(u -> (Object) u.health().status()).toList()), space::nearlyFull);
    AdminRoutes admin = new AdminRoutes(config.admin().token(), worker);
    if (!role.serves()) {
      return router -> {
        ops.mount(router);
        admin.mount(router);
      };
    }
    ModuleRoutes module = new ModuleRoutes(new ServiceAnswers(pipeline.artifacts(), pipeline.zips(),
        pipeline.lists(), pipeline.latest()), metrics, SyncWiring.clientMisses(worker, metadata), openFiles, throttledLog);
    SumdbRoutes sumdb = sumdbRoutes(config, vertx, blobs, git.privateModules(), metrics, clock);
    return router -> {
      ops.mount(router);
      admin.mount(router);
      sumdb.mount(router);
      module.mount(router);
    };
  }

  private static SumdbRoutes sumdbRoutes(MirrorConfig config, Vertx vertx, BlobStore blobs,
      PathPatterns privateModules, MirrorMetrics metrics, Clock clock) {
    SumdbConfig sumdb = config.sumdb();
    Map<String, SumdbDatabaseClient> clients = new LinkedHashMap<>();
    for (SumdbDatabase database : sumdb.databases()) {
      clients.put(database.name(), new SumdbDatabaseClient(vertx, database.name(), database.url(),
          config.upstreamTimeouts(), config.fetch().connectionsPerUpstream(), metrics));
    }
    SumdbService service = new SumdbService(
        clients, blobs, config.cache().memoryBytes(), sumdb.lookupTtl(), sumdb.tileTtl(), clock);
    return new SumdbRoutes(service, privateModules, sumdb.noSumdb(), metrics, sumdb.lookupTtl());
  }

  /**
   * An exception no handler took (Vert.x logs each with its stack trace by default): logged
   * throttled, with the stack trace only for the first unexpected one of an interval.
   */
  private static void unhandled(ThrottledLog log, Throwable err) {
    if (err instanceof IOException) {
      log.log(LOG, org.slf4j.event.Level.WARN, "event=unhandled_error", "reason=\"" + err + "\"");
    } else {
      log.log(LOG, org.slf4j.event.Level.ERROR, "event=unhandled_error", () -> "reason=\"" + err + "\"", err);
    }
  }

  /** The port the HTTP server listens on. */
  public int port() {
    return port;
  }

  private static BooleanSupplier lockingUsable(MetadataStore metadata) {
    return () -> StoreWiring.lockingUsable(metadata);
  }

  private static BooleanSupplier availability(MetadataStore metadata) {
    return () -> StoreWiring.available(metadata);
  }

  /**
   * Stops in order, each step after the previous one ended (a failed step is logged and the next
   * runs): 1. the HTTP servers stop accepting connections and let requests in flight finish, up
   * to {@code server.shutdown-timeout}; 2. the sync worker stops (a leader steps down); 3. fetch
   * leases still held are released (token-checked), so other replicas take over at once; 4. the
   * metadata and blob stores close; 5. Vert.x (clients, timers, event loops) stops.
   */
  public Completable stop() {
    return Completable.defer(() -> {
      long began = System.nanoTime();
      return step("http", () -> undeploy(httpDeployment))
          .andThen(step("sync", () -> undeploy(syncDeployment)))
          .andThen(step("locks", locks::close))
          .andThen(step("metadata", metadata::close))
          .andThen(step("blobs", () -> StoreWiring.closeBlobs(blobs)))
          .andThen(step("vertx", () -> RxFutures.completable(vertx.close())))
          // before completing, so that a caller waiting for stop() (the shutdown hook) sees it all done
          .andThen(Completable.fromAction(() -> {
            space.close();
            io.shutdown();
            git.close();
            LOG.info("event=stopped took_ms={}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
          }));
    });
  }

  private Completable undeploy(String deployment) {
    return deployment == null ? Completable.complete() : RxFutures.completable(vertx.undeploy(deployment));
  }

  /**
   * One step of {@link #stop()}, started only when the previous one has ended (a Vert.x future is
   * hot: made at assembly, it would run at once); its failure is logged and does not stop the
   * next steps.
   */
  private static Completable step(String name, Supplier<Completable> step) {
    return Completable.defer(step::get).onErrorComplete(failure -> {
      LOG.warn("event=stop_step_failed step={} reason=\"{}\"", name, failure.toString());
      return true;
    });
  }

  private static Path prepareDataDir(Path path) {
    try {
      Path dir = path.toAbsolutePath().normalize();
      Files.createDirectories(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + path, e);
    }
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
