package io.goproxymirror.sync.warm;

import static io.goproxymirror.sync.testing.FakeModuleStore.mv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.sync.SyncExpansionConfig;
import io.goproxymirror.sync.expansion.DependencyExpansion;
import io.goproxymirror.sync.expansion.ProjectFileSyntaxException;
import io.goproxymirror.sync.queue.PrefetchQueue;
import io.goproxymirror.sync.testing.Eventually;
import io.goproxymirror.sync.testing.FakeModuleStore;
import io.goproxymirror.sync.testing.ScriptedPrefetcher;
import io.goproxymirror.sync.testing.TestQueues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("WarmJobs")
class WarmJobsTest {
  private final FakeModuleStore modules = FakeModuleStore.dependencyChain();
  private final ScriptedPrefetcher prefetcher = modules.prefetcher();
  private PrefetchQueue queue;
  private WarmJobs jobs;

  @AfterEach
  void stop() {
    queue.stop().blockingAwait();
  }

  private void setUp(Vertx vertx, int queueMax, int maxJobs, boolean startQueue) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    queue = TestQueues.inMemory(vertx, queueMax, prefetcher, registry);
    jobs = new WarmJobs(queue, maxJobs);
    queue.addListener(
        new DependencyExpansion(new SyncExpansionConfig(true, 3), queue, modules, registry));
    queue.addListener(jobs);
    if (startQueue) {
      queue.start().blockingAwait();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String sumLine(String path, String version) {
    return path + " " + version + " h1:AAAA=\n" + path + " " + version + "/go.mod h1:BBBB=\n";
  }

  private WarmJobSnapshot finished(String id) {
    Eventually.until(
        "job " + id + " finished",
        () -> jobs.get(id).map(s -> s.state().equals(WarmJobSnapshot.FINISHED)).orElse(false));
    return jobs.get(id).orElseThrow();
  }

  @Test
  @DisplayName("queues a go.sum's versions and what expansion reaches, counting done and failed")
  void goSumProgress(Vertx vertx) {
    setUp(vertx, 100, 10, true);
    String goSum = sumLine("example.com/a", "v1.0.0") + sumLine("example.com/missing", "v9.0.0");

    WarmJobSnapshot started = jobs.start(bytes(goSum)).blockingGet();
    WarmJobSnapshot end = finished(started.id());

    assertThat(end.queued()).as("a, missing, then b, x, c, d by expansion").isEqualTo(6);
    assertThat(end.done()).isEqualTo(5);
    assertThat(end.failed()).isEqualTo(1);
    assertThat(end.pending()).isZero();
    assertThat(end.finished()).isPresent();
    assertThat(end.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.version()).isEqualTo(mv("example.com/missing@v9.0.0"));
              assertThat(f.reason()).contains("unknown revision");
            });
    assertThat(prefetcher.attempts()).doesNotContain(mv("example.com/e@v1.0.0"));
  }

  @Test
  @DisplayName("queues a go.mod's requirements and counts versions stored before as done")
  void goModProgress(Vertx vertx) {
    setUp(vertx, 100, 10, true);
    modules.markStored("example.com/x@v0.1.0");
    String goMod =
        "module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/x v0.1.0\n"
            + "\texample.com/e v1.0.0 // indirect\n)\n";

    WarmJobSnapshot end = finished(jobs.start(bytes(goMod)).blockingGet().id());

    assertThat(end.queued()).isEqualTo(2);
    assertThat(end.done()).isEqualTo(2);
    assertThat(end.failed()).isZero();
  }

  @Test
  @DisplayName("learns when a version queued before the job, for another reason, ends")
  void joinsHeldVersion(Vertx vertx) {
    setUp(vertx, 100, 10, false);
    queue.enqueue(mv("example.com/e@v1.0.0")).blockingGet();

    WarmJobSnapshot started = jobs.start(bytes(sumLine("example.com/e", "v1.0.0"))).blockingGet();

    assertThat(started.state()).isEqualTo(WarmJobSnapshot.RUNNING);
    assertThat(started.queued()).isEqualTo(1);
    assertThat(started.pending()).isEqualTo(1);
    queue.start().blockingAwait();
    WarmJobSnapshot end = finished(started.id());
    assertThat(end.done()).isEqualTo(1);
    assertThat(prefetcher.attemptsOf(mv("example.com/e@v1.0.0"))).isEqualTo(1);
  }

  @Test
  @DisplayName("counts a version the full queue refused as failed")
  void queueFull(Vertx vertx) {
    setUp(vertx, 1, 10, false);

    WarmJobSnapshot started =
        jobs.start(bytes(sumLine("example.com/e", "v1.0.0") + sumLine("example.com/x", "v0.1.0")))
            .blockingGet();

    assertThat(started.queued()).isEqualTo(2);
    assertThat(started.failed()).isEqualTo(1);
    assertThat(started.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.version()).isEqualTo(mv("example.com/x@v0.1.0"));
              assertThat(f.reason()).isEqualTo("prefetch queue full");
            });
    queue.start().blockingAwait();
    assertThat(finished(started.id()).done()).isEqualTo(1);
  }

  @Test
  @DisplayName("keeps at most maxJobs: drops the oldest finished one, refuses when all run")
  void boundedJobs(Vertx vertx) {
    setUp(vertx, 100, 2, false);
    String first = jobs.start(bytes(sumLine("example.com/e", "v1.0.0"))).blockingGet().id();
    String second = jobs.start(bytes(sumLine("example.com/x", "v0.1.0"))).blockingGet().id();

    assertThatThrownBy(() -> jobs.start(bytes(sumLine("example.com/d", "v1.0.0"))).blockingGet())
        .isInstanceOf(TooManyWarmJobsException.class);

    queue.start().blockingAwait();
    finished(first);
    finished(second);
    String third = jobs.start(bytes(sumLine("example.com/d", "v1.0.0"))).blockingGet().id();

    assertThat(jobs.get(first)).isEmpty();
    assertThat(jobs.get(second)).isPresent();
    assertThat(jobs.list()).extracting(WarmJobSnapshot::id).containsExactly(second, third);
  }

  @Test
  @DisplayName("gives each job a distinct URL-safe id")
  void ids(Vertx vertx) {
    setUp(vertx, 100, 50, true);

    var ids =
        IntStream.range(0, 20)
            .mapToObj(i -> jobs.start(bytes("module example.com/m\n")).blockingGet().id())
            .collect(Collectors.toSet());

    assertThat(ids).hasSize(20).allMatch(id -> id.matches("[A-Za-z0-9_-]{22}"));
  }

  @Test
  @DisplayName("finishes at once a job with nothing to queue")
  void emptyJob(Vertx vertx) {
    setUp(vertx, 100, 10, false);

    WarmJobSnapshot snapshot = jobs.start(bytes("module example.com/leaf\n")).blockingGet();

    assertThat(snapshot.state()).isEqualTo(WarmJobSnapshot.FINISHED);
    assertThat(snapshot.queued()).isZero();
  }

  @Test
  @DisplayName("refuses an unreadable file without creating a job")
  void unreadable(Vertx vertx) {
    setUp(vertx, 100, 10, true);

    assertThatThrownBy(() -> jobs.start(bytes("example.com/a v1.0.0 h1:x=\nbroken line\n")).blockingGet())
        .isInstanceOf(ProjectFileSyntaxException.class)
        .hasMessage("go.sum:2: expected \"module version hash\", got 2 fields");
    assertThat(jobs.list()).isEmpty();
  }

  @Test
  @DisplayName("keeps the first failures only, with exact counts")
  void failuresBounded(Vertx vertx) {
    setUp(vertx, 1000, 10, true);
    int n = WarmJobs.FAILURES_KEPT + 5;
    String goSum =
        IntStream.range(0, n)
            .mapToObj(i -> sumLine("example.com/unknown" + i, "v1.0.0"))
            .collect(Collectors.joining());

    WarmJobSnapshot end = finished(jobs.start(bytes(goSum)).blockingGet().id());

    assertThat(end.failed()).isEqualTo(n);
    assertThat(end.failures()).hasSize(WarmJobs.FAILURES_KEPT);
  }

  @Test
  @DisplayName("renders its snapshot as the admin JSON")
  void json(Vertx vertx) {
    setUp(vertx, 100, 10, true);
    String id =
        jobs.start(bytes(sumLine("example.com/missing", "v9.0.0"))).blockingGet().id();

    JsonObject json = finished(id).toJson();

    assertThat(json.getString("id")).isEqualTo(id);
    assertThat(json.getString("state")).isEqualTo("finished");
    assertThat(json.getInteger("queued")).isEqualTo(1);
    assertThat(json.getInteger("done")).isZero();
    assertThat(json.getInteger("failed")).isEqualTo(1);
    assertThat(json.getInteger("pending")).isZero();
    assertThat(json.getString("finished")).isNotNull();
    assertThat(json.getJsonArray("failures").getJsonObject(0).getString("module"))
        .isEqualTo("example.com/missing");
  }
}
