package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.SumdbConfig;
import io.goproxymirror.config.SumdbDatabase;
import io.goproxymirror.gomod.PathPatterns;
import io.goproxymirror.mirror.flight.ArtifactLocks;
import io.goproxymirror.mirror.flight.ReplicaFlight;
import io.goproxymirror.mirror.http.AdminRoutes;
import io.goproxymirror.mirror.http.ConnectionBudget;
import io.goproxymirror.mirror.http.GuardedTransport;
import io.goproxymirror.mirror.http.HttpSettings;
import io.goproxymirror.mirror.http.HttpVerticle;
import io.goproxymirror.mirror.http.ModuleRoutes;
import io.goproxymirror.mirror.http.OpsRoutes;
import io.goproxymirror.mirror.http.ServerDrain;
import io.goproxymirror.mirror.http.ServiceAnswers;
import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.rx.RxFutures;
import io.goproxymirror.mirror.store.StorageSpace;
import io.goproxymirror.mirror.tls.PlainCredentialsWarning;
import io.goproxymirror.mirror.tls.TlsServers;
import io.goproxymirror.sync.SyncWorker;
import io.goproxymirror.sync.SyncWorkerVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
  private final Platform platform;
  private final Stores stores;
  private final GitSourceWiring git;
  private final StorageSpace space;
  private final int port;
  private final ServerDrain drain;
  private final Duration shutdownDelay;
  private final RunOnce shutdown = new RunOnce(this::drainThenStop);
  private final RunOnce stop = new RunOnce(this::stopInOrder);
  private volatile String httpDeployment;
  private volatile String syncDeployment;
  private volatile AuthWiring auth;

  private MirrorApp(Platform platform, Stores stores, GitSourceWiring git, StorageSpace space, int port,
      ServerDrain drain, Duration shutdownDelay) {
    this.platform = platform;
    this.stores = stores;
    this.git = git;
    this.space = space;
    this.port = port;
    this.drain = drain;
    this.shutdownDelay = shutdownDelay;
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
      Vertx vertx = VertxWiring.create(registry, transport, connections, throttledLog, LOG_INTERVAL);
      MirrorMetrics metrics = new MirrorMetrics(registry);
      IoPool io = new IoPool(config.storage().ioThreads());
      Platform platform = new Platform(vertx, io, registry, metrics, Clock.systemUTC());
      Stores stores = null;
      GitSourceWiring git = null;
      StorageSpace space = null;
      AuthWiring auth = null;
      Consumer<Router> routes;
      Optional<SyncWorker> worker;
      Pipeline pipeline;
      Path data;
      int port;
      Optional<TlsServers> tls = Optional.empty();
      ServerDrain drain = new ServerDrain();
      try {
        if (config.server().tls().enabled()) {
          tls = Optional.of(TlsServers.load(config.server().tls(), config.server().headerTimeout(), vertx));
        }
        data = prepareDataDir(config.storage().path());
        space = StorageSpace.of(data, config.storage().minFree(), io.reads());
        metrics.storageSpace(space::freeBytes, space::nearlyFull);
        stores = StoreWiring.open(config, platform, data, env);
        port = config.server().port() == 0 ? freePort(config.server().host()) : config.server().port();
        git = new GitSourceWiring(config, config.privatePatterns(), data, env, metrics);
        PipelineInputs parts = new PipelineInputs(config, platform, data, space, stores, git);
        pipeline = Pipeline.build(parts);
        worker = role.syncs()
            ? Optional.of(SyncWiring.worker(config, platform, stores.sync(), pipeline))
            : Optional.empty();
        auth = AuthWiring.start(config, vertx, registry);
        routes = RouteWiring.guarded(auth.handler(),
            RouteWiring.routes(parts, role, pipeline, worker, descriptors.openFiles(), throttledLog, drain));
      } catch (RuntimeException e) {
        // Nothing is serving yet: release what was created so a failed start leaves no threads behind.
        Stores opened = stores;
        if (auth != null) {
          auth.stop().onErrorComplete().blockingAwait();
        }
        if (git != null) {
          git.close();
        }
        if (space != null) {
          space.close();
        }
        return (opened == null ? Completable.complete() : opened.close())
            .andThen(Completable.defer(() -> RxFutures.completable(vertx.close())))
            .onErrorComplete()
            .doFinally(io::shutdown)
            .andThen(Single.error(e));
      }
      int instances = config.server().instances() > 0
          ? config.server().instances()
          : Runtime.getRuntime().availableProcessors();
      MirrorApp app = new MirrorApp(platform, stores, git, space, port, drain, config.server().shutdownDelay());
      app.auth = auth;
      HttpSettings listen = new HttpSettings(config.server().host(), port, config.server().headerTimeout(),
          config.server().shutdownDelay(), config.server().shutdownTimeout(), tls);
      PlainCredentialsWarning.log(config.auth().acceptsCredentials(), config.server().tls());
      Completable http = RxFutures.single(vertx.deployVerticle(
              () -> new HttpVerticle(listen, throttledLog, routes, drain),
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
          .doOnComplete(() -> listen.tls().ifPresent(t -> t.watch(vertx, config.server().tls().reloadCheck())))
          .doOnComplete(() -> started.listRepair().ifPresent(repair -> repair.run().subscribe(
              added -> { }, err -> LOG.warn("event=list_reconcile_failed reason=\"{}\"", err.toString()))))
          .doOnComplete(() -> LOG.info(
              "event=started role={} scheme={} port={} data={} upstream=\"{}\" instances={} transport={} descriptor_limit={}"
                  + " client_connections={} open_files={}",
              role.name().toLowerCase(Locale.ROOT), listen.scheme(), port, data, config.upstreamList().redacted(),
              instances, transport.name(), descriptors.limit(), connections.max(), descriptors.openFiles()))
          .onErrorResumeNext(err -> app.stop().onErrorComplete().andThen(Completable.error(err)))
          .toSingleDefault(app);
    });
  }

  /** The port the HTTP server listens on. */
  public int port() {
    return port;
  }

  /**
   * The orderly stop on SIGTERM: {@code /readyz} answers 503 at once and the servers keep serving
   * for {@code server.shutdown-delay}, closing each connection after its answer (so the load
   * balancer's endpoints are updated and clients reconnect elsewhere), then {@link #stop()}. Runs
   * once; every call returns the same (cached) run.
   */
  public Completable shutdown() {
    return shutdown.get();
  }

  private Completable drainThenStop() {
    return Completable.defer(() -> {
      drain.drain();
      LOG.info("event=shutdown_started delay_ms={}", shutdownDelay.toMillis());
      return Completable.timer(shutdownDelay.toMillis(), TimeUnit.MILLISECONDS);
    }).andThen(stop());
  }

  /**
   * Stops in order, each step after the previous one ended (a failed step is logged and the next
   * runs; each logs {@code event=stop_step} when done): 1. the HTTP servers stop accepting
   * connections, refuse requests that still arrive (503), and let requests in flight finish, up to
   * {@code server.shutdown-timeout}; 2. the sync worker stops (a leader steps down and releases
   * its lease), and access control stops watching the users file; 3. fetch leases still held are
   * released (token-checked), so other replicas take over at once; 4. the metadata and blob stores
   * close; 5. Vert.x (clients, timers, event loops) stops. Without {@link #shutdown()} first there is
   * no delay. Runs once; every call returns the same (cached) run.
   */
  public Completable stop() {
    return stop.get();
  }

  private Completable stopInOrder() {
    return Completable.defer(() -> {
      long began = System.nanoTime();
      drain.close();
      return step("http", () -> undeploy(httpDeployment))
          .andThen(step("sync", () -> undeploy(syncDeployment)))
          .andThen(step("auth", () -> auth == null ? Completable.complete() : auth.stop()))
          .andThen(step("locks", stores.locks()::close))
          .andThen(step("metadata", stores.metadata()::close))
          .andThen(step("blobs", stores::closeBlobs))
          .andThen(step("vertx", () -> RxFutures.completable(platform.vertx().close())))
          // before completing, so that a caller waiting for stop() (the shutdown hook) sees it all done
          .andThen(Completable.fromAction(() -> {
            space.close();
            platform.io().shutdown();
            git.close();
            LOG.info("event=stopped took_ms={}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
          }));
    });
  }

  private Completable undeploy(String deployment) {
    return deployment == null ? Completable.complete() : RxFutures.completable(platform.vertx().undeploy(deployment));
  }

  /**
   * One step of {@link #stop()}, started only when the previous one has ended (a Vert.x future is
   * hot: made at assembly, it would run at once); its failure is logged and does not stop the
   * next steps.
   */
  private static Completable step(String name, Supplier<Completable> step) {
    return Completable.defer(() -> {
      long began = System.nanoTime();
      return step.get().doOnComplete(() -> LOG.info("event=stop_step step={} took_ms={}", name,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)));
    }).onErrorComplete(failure -> {
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
