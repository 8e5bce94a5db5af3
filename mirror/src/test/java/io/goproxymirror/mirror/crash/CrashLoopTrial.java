package io.goproxymirror.mirror.crash;

import io.goproxymirror.mirror.store.MetadataStore;
import io.goproxymirror.mirror.testkit.ChildMirror;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The crash-loop trial: a mirror (a child JVM) pulls many module versions through from a loopback
 * upstream that drips its bodies slowly, while clients ask for {@code .info}, {@code .mod},
 * {@code .zip} and {@code list} concurrently; it is killed with SIGKILL at a random (seeded) moment
 * and restarted on the same data directory, cycle after cycle. Every complete answer is compared
 * with the upstream's bytes, and after each kill the data directory (and the metadata store's
 * records) is audited. At the end the upstream answers at once, and a last mirror must serve every
 * version byte-exact and from storage.
 */
final class CrashLoopTrial {
  /** The shape of one run. */
  record Settings(long seed, int cycles, int modules, int versions, int maxZipKib, int clients,
      Duration killAfterMin, Duration killAfterMax, Duration dripInterval, int zipDripBytes) {}

  /** What a run found: per-cycle audits and the final one, the answers checked, and every problem. */
  record Outcome(int cycles, int cyclesWithWritesInFlight, int stagedWritesCut, int maxStoredBeforeFinal,
      StoreAudit.Result finalAudit, int answersChecked, int answersWrong, int cycleProblems, int finalServed,
      long millis, List<String> problems) {}

  private static final List<String> KINDS = List.of("info", "mod", "zip", "list");
  private final Settings settings;
  private final Path work;
  private final Map<String, String> env;
  private final Function<Path, Optional<MetadataStore>> metadata;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * {@code env}: extra mirror configuration (for example Redis metadata); {@code metadata} opens
   * the stopped mirror's metadata store for the audit (empty: records are not audited), and the
   * trial closes what it returns.
   */
  CrashLoopTrial(Settings settings, Path work, Map<String, String> env, Function<Path, Optional<MetadataStore>> metadata) {
    this.settings = settings;
    this.work = work;
    this.env = env;
    this.metadata = metadata;
  }

  Outcome run() throws InterruptedException {
    long start = System.nanoTime();
    CrashFixture fixture = new CrashFixture(settings.seed(), settings.modules(), settings.versions(),
        settings.maxZipKib(), work.resolve("scratch"));
    StoreAudit audit = new StoreAudit(fixture, work.resolve("scratch"));
    Path data = work.resolve("data");
    List<String> problems = new ArrayList<>();
    Random random = new Random(settings.seed());
    AtomicInteger checked = new AtomicInteger();
    AtomicInteger wrong = new AtomicInteger();
    Vertx vertx = Vertx.vertx();
    ScriptedUpstream upstream = ScriptedUpstream.start(vertx);
    int finalServed = 0;
    int cyclesWithWritesInFlight = 0;
    int stagedWritesCut = 0;
    int maxStored = 0;
    StoreAudit.Result last;
    try {
      fixture.script(upstream, settings.dripInterval(), settings.zipDripBytes());
      for (int cycle = 1; cycle <= settings.cycles(); cycle++) {
        ChildMirror mirror = startMirror(data, upstream, work.resolve("logs/cycle-" + cycle));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients());
        for (int c = 0; c < settings.clients(); c++) {
          long clientSeed = random.nextLong();
          clients.execute(() -> ask(mirror.baseUrl(), fixture, new Random(clientSeed), stop, checked, wrong, problems));
        }
        long min = settings.killAfterMin().toMillis();
        Thread.sleep(min + (long) (random.nextDouble() * (settings.killAfterMax().toMillis() - min)));
        mirror.kill();
        stop.set(true);
        clients.shutdown();
        if (!clients.awaitTermination(30, TimeUnit.SECONDS)) {
          clients.shutdownNow();
          throw new IllegalStateException("clients did not stop within 30 s after the kill");
        }
        StoreAudit.Result result = audited(audit, data);
        cyclesWithWritesInFlight += result.stagedLeftovers() > 0 ? 1 : 0;
        stagedWritesCut += result.stagedLeftovers();
        maxStored = Math.max(maxStored, result.stored());
        for (String problem : result.problems()) {
          record(problems, "cycle " + cycle + ": " + problem);
        }
      }
      fixture.script(upstream, null, 0);
      ChildMirror mirror = startMirror(data, upstream, work.resolve("logs/final"));
      try {
        finalServed = serveEverything(mirror.baseUrl(), fixture, problems);
        // The list files are reconciled with the stored zips in the background after a start.
        mirror.awaitOutput("event=lists_reconciled", Duration.ofSeconds(60));
      } finally {
        mirror.kill();
      }
      last = audited(audit, data);
      for (String problem : last.problems()) {
        record(problems, "final: " + problem);
      }
    } finally {
      upstream.close();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    int cycleProblems = (int) problems.stream().filter(p -> p.startsWith("cycle ")).count();
    return new Outcome(settings.cycles(), cyclesWithWritesInFlight, stagedWritesCut, maxStored, last, checked.get(),
        wrong.get(), cycleProblems, finalServed, (System.nanoTime() - start) / 1_000_000, List.copyOf(problems));
  }

  /** A mirror process over {@code data}, its output under {@code logDir}, ready to serve. */
  private ChildMirror startMirror(Path data, ScriptedUpstream upstream, Path logDir) {
    Map<String, String> childEnv = new HashMap<>();
    childEnv.put("MIRROR_DATA_DIR", data.toString());
    childEnv.put("MIRROR_UPSTREAM", upstream.baseUrl());
    childEnv.put("MIRROR_UPSTREAM_TIMEOUTS_TOTAL", "30s");
    childEnv.put("MIRROR_SERVER_INSTANCES", "2");
    childEnv.putAll(env);
    return ChildMirror.start(logDir, childEnv, "--role", "mirror");
  }

  private StoreAudit.Result audited(StoreAudit audit, Path data) {
    Optional<MetadataStore> store = metadata.apply(data);
    try {
      return audit.audit(data, store);
    } finally {
      store.ifPresent(s -> s.close().blockingAwait());
    }
  }

  /** One client: random requests until the kill; every complete 200 answer must be the upstream's bytes. */
  private void ask(String base, CrashFixture fixture, Random random, AtomicBoolean stop, AtomicInteger checked,
      AtomicInteger wrong, List<String> problems) {
    List<CrashFixture.Version> all = fixture.all();
    while (!stop.get()) {
      CrashFixture.Version v = all.get(random.nextInt(all.size()));
      String kind = KINDS.get(random.nextInt(KINDS.size()));
      String path = kind.equals("list") ? "/" + v.module() + "/@v/list" : "/" + v.module() + "/@v/" + v.version() + "." + kind;
      HttpResponse<byte[]> answer;
      try {
        answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException killedOrBroken) {
        pause(20);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (answer.statusCode() != 200) {
        continue;
      }
      checked.incrementAndGet();
      String problem = check(fixture, v, kind, answer.body());
      if (problem != null) {
        wrong.incrementAndGet();
        record(problems, "served " + path + ": " + problem);
      }
    }
  }

  /** Asks for every artifact and list twice: all must be right, and the second time stored (a HIT). */
  private int serveEverything(String base, CrashFixture fixture, List<String> problems) throws InterruptedException {
    int served = 0;
    for (int round = 0; round < 2; round++) {
      for (CrashFixture.Version v : fixture.all()) {
        for (String kind : KINDS.subList(0, 3)) {
          String path = "/" + v.module() + "/@v/" + v.version() + "." + kind;
          try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            String problem = answer.statusCode() != 200 ? "status " + answer.statusCode()
                : round == 1 && !"HIT".equals(answer.headers().firstValue("X-Cache").orElse(""))
                    ? "not served from storage on the second request (X-Cache "
                        + answer.headers().firstValue("X-Cache").orElse("none") + ")"
                    : check(fixture, v, kind, answer.body());
            if (problem != null) {
              record(problems, "final: " + path + ": " + problem);
            } else if (round == 1) {
              served++;
            }
          } catch (IOException e) {
            record(problems, "final: " + path + ": " + e);
          }
        }
      }
    }
    for (Map.Entry<String, List<String>> module : fixture.versionsByModule().entrySet()) {
      String path = "/" + module.getKey() + "/@v/list";
      try {
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        List<String> named = lines(answer.body());
        if (answer.statusCode() != 200 || !named.containsAll(module.getValue())) {
          record(problems, "final: " + path + ": status " + answer.statusCode() + ", names " + named);
        }
      } catch (IOException e) {
        record(problems, "final: " + path + ": " + e);
      }
    }
    return served;
  }

  private static String check(CrashFixture fixture, CrashFixture.Version v, String kind, byte[] body) {
    if (kind.equals("list")) {
      List<String> known = fixture.versionsByModule().get(v.module());
      for (String version : lines(body)) {
        if (!known.contains(version)) {
          return "list names unknown version " + version;
        }
      }
      return null;
    }
    byte[] want = v.bytes(kind);
    return Arrays.equals(body, want) ? null
        : "body of " + body.length + " bytes differs from the upstream's " + want.length + " bytes";
  }

  private static List<String> lines(byte[] body) {
    return Arrays.stream(new String(body, StandardCharsets.UTF_8).split("\n"))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static void record(List<String> problems, String problem) {
    synchronized (problems) {
      if (problems.size() < 200) {
        problems.add(problem);
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
