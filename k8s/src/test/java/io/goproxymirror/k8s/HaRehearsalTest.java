package io.goproxymirror.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.mirror.testkit.ChildMirror;
import io.goproxymirror.mirror.testkit.DownloadResult;
import io.goproxymirror.mirror.testkit.GoClient;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.IndexFeedServer;
import io.goproxymirror.mirror.testkit.RedisServer;
import io.goproxymirror.mirror.testkit.RequiredTools;
import io.goproxymirror.mirror.testkit.S3Server;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ha overlay rehearsed as processes: its mirror and worker Deployments' containers, as many as
 * their replicas, each started from the container's arguments, environment and mounted files (laid
 * out by {@link ContainerFiles}, Secrets filled with the test's values) on one Redis and one S3,
 * with the go command as the client through a stand-in for the Service ({@link ServiceProxy}).
 *
 * <p>What differs from a cluster, and why: each process listens on a free port of 127.0.0.1
 * ({@code MIRROR_PORT=0}, {@code MIRROR_SERVER_HOST}) instead of 3000 in its own pod; the upstream
 * and the index feed are test servers on loopback ({@code MIRROR_UPSTREAM}, {@code
 * MIRROR_SYNC_INDEX_URL}); {@code server.shutdown-delay} is {@value #DELAY_SECONDS} s instead of 5 s
 * ({@code MIRROR_SERVER_SHUTDOWN_DELAY}), to keep the test short; the sentinels' pod names in
 * mirror.yaml, which do not resolve here, are replaced by the loopback ports of three sentinels
 * that monitor one password-protected redis-server (no replicas: the overlay's replication is
 * {@link RedisSentinelScriptTest}'s subject). The processes run the mirror's {@code Main} from
 * the test class path, the code the image's jar holds.
 */
@DisplayName("Kubernetes manifests: the ha topology rehearsed as processes")
@Timeout(300)
class HaRehearsalTest {
  private static final int DELAY_SECONDS = 2;
  private static final String REDIS_PASSWORD = "ha-rehearsal-redis-password-0123456789";
  private static final String ADMIN_TOKEN = "ha-rehearsal-admin-token-0123456789";
  private static final Duration PROBE_PERIOD = Duration.ofMillis(250);
  private static final Duration EXIT_BOUND = Duration.ofSeconds(60);
  private static final int CLIENTS = 3;
  /** An ERROR line of the JSON log the rendered configuration asks for ({@code log.format: json}). */
  private static final Pattern ERROR_LINE = Pattern.compile("\"level\":\"ERROR\"");

  @TempDir Path tmp;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stopAll() throws Exception {
    while (!started.isEmpty()) {
      started.pop().close();
    }
  }

  private <T extends AutoCloseable> T started(T thing) {
    started.push(thing);
    return thing;
  }

  @Test
  @DisplayName("3 mirrors and 2 workers from the ha Deployments on one Redis (through its sentinels) and one S3: the go"
      + " command through a readiness-following Service sees no error while a mirror and then the leading worker get"
      + " SIGTERM; both exit 0, the standby leads within a lease TTL, every download has the upstream's h1: hashes")
  void rollingStopsLoseNoRequest() throws Exception {
    long began = System.nanoTime();
    RequiredTools.go();
    RequiredTools.redisServer();
    Rendered ha = Overlays.render(Overlays.HA);
    MirrorContainers.InWorkload front = container(ha, "mirror");
    MirrorContainers.InWorkload worker = container(ha, "worker");
    int fronts = ((Deployment) front.workload().owner()).getSpec().getReplicas();
    int workers = ((Deployment) worker.workload().owner()).getSpec().getReplicas();
    assertThat(fronts).as("mirror replicas of the ha overlay").isEqualTo(3);
    assertThat(workers).as("worker replicas of the ha overlay").isEqualTo(2);

    // 1. What the cluster would provide: Redis with its sentinels, a bucket, an upstream, an index feed.
    Vertx vertx = Vertx.vertx();
    AutoCloseable closeVertx = () -> vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    started(closeVertx);
    List<UpstreamModules.Module> modules = UpstreamModules.write(tmp.resolve("upstream"), "example.com/ha", 30, 96 * 1024);
    GoproxyDirServer upstream = started(GoproxyDirServer.start(vertx, tmp.resolve("upstream")));
    upstream.delay(Duration.ofMillis(150)); // misses stay in flight a while
    IndexFeedServer feed = started(IndexFeedServer.start(vertx, 100));
    S3Server s3 = started(S3Server.start(tmp.resolve("s3")));
    String bucket = s3.createBucket();
    MirrorConfig rendered = new ContainerFiles(ha, front.workload(), front.container(), tmp.resolve("rendered"))
        .loadConfig(front, "the ha mirror container");
    Map<String, String> sentinelHosts = startRedis(rendered);

    Map<String, String> secrets = Map.of(
        "goproxy-redis/password", REDIS_PASSWORD,
        "goproxy-mirror-s3/endpoint", s3.endpoint().toString(),
        "goproxy-mirror-s3/bucket", bucket,
        "goproxy-mirror-s3/access-key", S3Server.ACCESS_KEY,
        "goproxy-mirror-s3/secret-key", S3Server.SECRET_KEY,
        "goproxy-mirror-admin/token", ADMIN_TOKEN);
    Map<String, String> overrides = Map.of(
        "MIRROR_UPSTREAM", upstream.baseUrl(),
        "MIRROR_SYNC_INDEX_URL", feed.url(),
        "MIRROR_SERVER_SHUTDOWN_DELAY", DELAY_SECONDS + "s");

    // 2. The pods: every replica of both Deployments, started at once.
    ExecutorService starter = Executors.newFixedThreadPool(fronts + workers);
    List<CompletableFuture<ChildMirror>> starting = new ArrayList<>();
    for (int i = 0; i < fronts; i++) {
      starting.add(startAsync(ha, front, "mirror-" + i, secrets, sentinelHosts, overrides, starter));
    }
    for (int i = 0; i < workers; i++) {
      starting.add(startAsync(ha, worker, "worker-" + i, secrets, sentinelHosts, overrides, starter));
    }
    List<ChildMirror> processes = new ArrayList<>();
    Exception notStarted = null;
    for (CompletableFuture<ChildMirror> f : starting) {
      try {
        processes.add(started(f.get(120, TimeUnit.SECONDS)));
      } catch (ExecutionException | TimeoutException e) {
        notStarted = notStarted == null ? e : notStarted;
      }
    }
    starter.shutdown();
    if (notStarted != null) {
      throw new AssertionError("a process did not start", notStarted);
    }
    List<ChildMirror> mirrors = processes.subList(0, fronts);
    List<ChildMirror> workerProcesses = processes.subList(fronts, fronts + workers);
    Map<String, Integer> endpoints = new LinkedHashMap<>();
    for (int i = 0; i < fronts; i++) {
      endpoints.put("mirror-" + i, mirrors.get(i).port());
    }
    ServiceProxy service = started(ServiceProxy.start(endpoints, PROBE_PERIOD));
    await("every mirror is a ready endpoint of the Service", Duration.ofSeconds(60),
        () -> service.endpoints().stream().allMatch(ServiceProxy.Endpoint::ready));
    await("one worker leads", Duration.ofSeconds(60),
        () -> workerProcesses.stream().anyMatch(w -> w.output().contains("event=leader_elected")));
    List<ChildMirror> leading = workerProcesses.stream().filter(w -> w.output().contains("event=leader_elected")).toList();
    assertThat(leading).as("workers that lead").hasSize(1);
    ChildMirror leader = leading.get(0);
    ChildMirror standby = workerProcesses.get(1 - workerProcesses.indexOf(leader));

    // 3. The go command, CLIENTS at a time, each run a fresh module cache, through the Service.
    List<String> clientErrors = new CopyOnWriteArrayList<>();
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger nextModule = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> loops = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      GoClient go = new GoClient(tmp.resolve("go-" + c), service.url());
      loops.add(clients.submit(() -> {
        while (running.get()) {
          UpstreamModules.Module m = modules.get(nextModule.getAndIncrement() % modules.size());
          try {
            String problem = problem(m, go.tryDownload(m.path(), m.version()));
            if (problem != null) {
              clientErrors.add(problem);
            }
          } catch (AssertionError | RuntimeException e) { // no JSON from the go command, or a timeout
            clientErrors.add(m.path() + ": " + e.getMessage());
          }
          runs.incrementAndGet();
        }
      }));
    }
    long trafficStarted = System.nanoTime();
    OptionalInt mirrorExit;
    OptionalInt leaderExit;
    Duration takeover;
    Duration mirrorStop;
    Duration leaderStop;
    int runsAtMirrorStop;
    try {
      await("traffic reached every mirror", Duration.ofSeconds(60), () -> runs.get() >= 2 * CLIENTS
          && service.endpoints().stream().allMatch(e -> e.connections.get() > 0));

      // 4. A mirror gets SIGTERM mid-traffic (a rollout, a drain); the Service follows its readiness.
      ChildMirror stopped = mirrors.get(0);
      await("a connection open on mirror-0", Duration.ofSeconds(60), () -> service.endpoint("mirror-0").active.get() > 0);
      runsAtMirrorStop = runs.get();
      long signalled = System.nanoTime();
      stopped.terminate();
      mirrorExit = stopped.awaitExit(EXIT_BOUND);
      mirrorStop = Duration.ofNanos(System.nanoTime() - signalled);
      int afterMirror = runs.get();
      await("traffic goes on over the other mirrors", Duration.ofSeconds(60), () -> runs.get() >= afterMirror + 2 * CLIENTS);

      // 5. The leading worker gets SIGTERM; the standby must take the lead within a lease TTL of its exit.
      long leaderSignalled = System.nanoTime();
      leader.terminate();
      leaderExit = leader.awaitExit(EXIT_BOUND);
      long exited = System.nanoTime();
      leaderStop = Duration.ofNanos(exited - leaderSignalled);
      standby.awaitOutput("event=leader_elected", rendered.syncLeaderTtl());
      takeover = Duration.ofNanos(System.nanoTime() - exited);
      int afterWorker = runs.get();
      await("traffic goes on after the worker's stop", Duration.ofSeconds(60), () -> runs.get() >= afterWorker + CLIENTS);
    } finally {
      running.set(false);
      clients.shutdown();
    }
    for (Future<?> loop : loops) {
      loop.get(3, TimeUnit.MINUTES);
    }

    String logs = "mirror-0:\n" + mirrors.get(0).output() + "\nleader:\n" + leader.output();
    assertThat(clientErrors).as("go command failures through the Service").isEmpty();
    assertThat(service.failures()).as("connections the Service could not place").isEmpty();
    assertThat(service.changes()).as("endpoint changes").containsExactly("+mirror-0", "+mirror-1", "+mirror-2", "-mirror-0");
    assertThat(mirrorExit).as("exit of the mirror after SIGTERM; %s", logs).hasValue(0);
    assertThat(leaderExit).as("exit of the leading worker after SIGTERM; %s", logs).hasValue(0);
    assertThat(takeover).as("from the leader's exit to the standby's election").isLessThanOrEqualTo(rendered.syncLeaderTtl());
    assertThat(adminSync(standby).getBoolean("leader")).as("the standby's /admin/sync after the takeover").isTrue();
    assertThat(mirrors.get(1).output()).as("the log format of the rendered configuration").contains("\"message\":\"event=started");
    assertThat(mirrors.get(0).output()).contains("event=shutdown_started", "event=stopped");
    assertThat(leader.output()).contains("event=leader_stepped_down reason=stopping", "event=stopped");
    for (ChildMirror p : processes) {
      assertThat(Arrays.stream(p.output().split("\n")).filter(l -> ERROR_LINE.matcher(l).find()).toList())
          .as("ERROR lines of a process").isEmpty();
      assertThat(p.output()).as("a process's log").doesNotContain(REDIS_PASSWORD, S3Server.SECRET_KEY, ADMIN_TOKEN);
    }
    assertThat(upstream.requests().total()).as("the modules came through the upstream").isPositive();
    System.out.printf("ha rehearsal: set up in %d ms; %d go runs (%d before the mirror's SIGTERM) in %d ms;"
        + " connections per mirror %s; mirror stopped in %d ms, leader in %d ms, standby elected %d ms after"
        + " the leader's exit; %d s in all%n",
        TimeUnit.NANOSECONDS.toMillis(trafficStarted - began), runs.get(), runsAtMirrorStop,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - trafficStarted),
        service.endpoints().stream().map(e -> e.name + "=" + e.connections.get()).toList(),
        mirrorStop.toMillis(), leaderStop.toMillis(), takeover.toMillis(),
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
  }

  /** What is wrong with one go download: a failure, or bytes or hashes other than the upstream's. */
  private static String problem(UpstreamModules.Module m, DownloadResult result) {
    if (!result.ok()) {
      return m.path() + ": " + result.error() + "\n" + result.process().describe();
    }
    if (!m.sum().equals(result.sum()) || !m.goModSum().equals(result.goModSum())) {
      return m.path() + ": hashes " + result.sum() + " " + result.goModSum() + ", wanted " + m.sum() + " " + m.goModSum();
    }
    if (!Arrays.equals(m.zip(), result.zipBytes())) {
      return m.path() + ": the zip differs from the upstream's";
    }
    return null;
  }

  /** The only mirror container of the Deployments whose role is {@code role}. */
  private static MirrorContainers.InWorkload container(Rendered rendered, String role) {
    List<MirrorContainers.InWorkload> found = MirrorContainers.of(rendered).stream()
        .filter(m -> m.role().equals(role) && m.workload().owner() instanceof Deployment).toList();
    assertThat(found).as("Deployments running --role %s", role).hasSize(1);
    return found.get(0);
  }

  /**
   * One redis-server with the password of the Secret goproxy-redis, and one sentinel per sentinel
   * URL of the configuration, monitoring it under the configured master name; the configuration's
   * {@code host:port} of each sentinel to the loopback address of the one started for it.
   */
  private Map<String, String> startRedis(MirrorConfig config) {
    var redis = config.metadata().redis();
    String master = redis.masterName().orElseThrow();
    RedisServer server = started(RedisServer.start(tmp.resolve("redis"), "--requirepass", REDIS_PASSWORD));
    Map<String, String> hosts = new LinkedHashMap<>();
    for (String url : redis.connectionStrings()) {
      RedisServer sentinel = started(RedisServer.startSentinel(tmp.resolve("redis"), server, master,
          "sentinel auth-pass " + master + " " + REDIS_PASSWORD, "requirepass " + REDIS_PASSWORD));
      URI uri = URI.create(url);
      hosts.put(uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + sentinel.port());
    }
    assertThat(hosts).as("sentinels in the ha configuration").hasSize(3);
    return hosts;
  }

  /** Lays out one pod's files and starts its container's command as a process, in the background. */
  private CompletableFuture<ChildMirror> startAsync(Rendered rendered, MirrorContainers.InWorkload m, String name,
      Map<String, String> secrets, Map<String, String> sentinelHosts, Map<String, String> overrides,
      ExecutorService starter) throws IOException {
    ContainerFiles files = new ContainerFiles(rendered, m.workload(), m.container(), tmp.resolve(name), secrets);
    Path config = Path.of(files.relocate(m.config().orElseThrow()));
    String yaml = Files.readString(config);
    for (Map.Entry<String, String> host : sentinelHosts.entrySet()) {
      assertThat(yaml).as("%s names sentinel %s", config, host.getKey()).contains(host.getKey());
      yaml = yaml.replace(host.getKey(), host.getValue());
    }
    Files.writeString(config, yaml);
    Map<String, String> env = new HashMap<>(files.env);
    env.putAll(overrides);
    String[] args = m.container().getArgs().stream().map(files::relocate).toArray(String[]::new);
    return CompletableFuture.supplyAsync(() -> ChildMirror.start(files.root, env, args), starter);
  }

  private JsonObject adminSync(ChildMirror worker) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(worker.baseUrl() + "/admin/sync"))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("/admin/sync: %s", response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static void await(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + bound + ": " + what);
      }
      Thread.sleep(50);
    }
  }
}
