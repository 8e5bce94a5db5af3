package io.goproxymirror.sync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.sync.SyncQueueConfig;
import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.port.PrefetchFailure;
import io.goproxymirror.sync.port.PrefetchResult;
import io.goproxymirror.sync.port.Prefetcher;
import io.goproxymirror.sync.testing.EndedListener;
import io.goproxymirror.sync.testing.Eventually;
import io.goproxymirror.sync.testing.ScriptedPrefetcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.subjects.SingleSubject;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("PrefetchQueue")
class PrefetchQueueTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private final List<PrefetchQueue> queues = new CopyOnWriteArrayList<>();
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final EndedListener ended = new EndedListener();

  @AfterEach
  void stopQueues() {
    queues.forEach(q -> q.stop().blockingAwait());
  }

  private static SyncQueueConfig config(int max, int concurrency, int retries) {
    return new SyncQueueConfig(
        max, concurrency, retries, Duration.ofMillis(40), Duration.ofMillis(200));
  }

  private PrefetchQueue queue(
      Vertx vertx, SyncQueueConfig config, Prefetcher prefetcher, PrefetchQueueStore store) {
    return queue(vertx, config, prefetcher, store, registry, Clock.systemUTC());
  }

  private PrefetchQueue queue(
      Vertx vertx,
      SyncQueueConfig config,
      Prefetcher prefetcher,
      PrefetchQueueStore store,
      MeterRegistry meters,
      Clock clock) {
    PrefetchQueue queue = new PrefetchQueue(vertx, config, prefetcher, store, meters, clock);
    queue.addListener(ended);
    queues.add(queue);
    return queue;
  }

  private static ModuleVersion mv(String path, String version) {
    return new ModuleVersion(path, version);
  }

  private double prefetches(String result) {
    return registry.counter("goproxy_mirror_sync_prefetches", "result", result).count();
  }

  @Test
  @DisplayName("accepts a version that is queued or running once and prefetches it once")
  void deduplicates(Vertx vertx) {
    SingleSubject<PrefetchResult> gate = SingleSubject.create();
    ScriptedPrefetcher prefetcher = ScriptedPrefetcher.held(v -> gate);
    PrefetchQueue queue = queue(vertx, config(10, 2, 0), prefetcher, new InMemoryPrefetchQueueStore());
    ModuleVersion cobra = mv("github.com/spf13/cobra", "v1.8.0");

    assertThat(queue.enqueue(cobra).blockingGet()).isEqualTo(EnqueueResult.ACCEPTED);
    assertThat(queue.enqueue(cobra).blockingGet()).isEqualTo(EnqueueResult.DUPLICATE);
    queue.start().blockingAwait();
    Eventually.until("the prefetch started", () -> prefetcher.attemptsOf(cobra) == 1);
    assertThat(queue.enqueue(cobra).blockingGet()).isEqualTo(EnqueueResult.DUPLICATE);
    assertThat(queue.depth()).isEqualTo(1);
    gate.onSuccess(PrefetchResult.STORED);
    Eventually.until("the version left the queue", () -> queue.depth() == 0);

    assertThat(prefetcher.attempts()).containsExactly(cobra);
    assertThat(ended.versions()).containsExactly(cobra);
    assertThat(prefetches("stored")).isEqualTo(1.0);
    assertThat(queue.enqueue(cobra).blockingGet())
        .as("a version that ended may be queued again")
        .isEqualTo(EnqueueResult.ACCEPTED);
  }

  @Test
  @DisplayName("refuses versions beyond sync.queue.max, counting running and waiting ones")
  void bounded(Vertx vertx) {
    Map<ModuleVersion, SingleSubject<PrefetchResult>> gates = new ConcurrentHashMap<>();
    ScriptedPrefetcher prefetcher =
        ScriptedPrefetcher.held(v -> gates.computeIfAbsent(v, k -> SingleSubject.create()));
    PrefetchQueue queue = queue(vertx, config(2, 1, 0), prefetcher, new InMemoryPrefetchQueueStore());
    queue.start().blockingAwait();
    ModuleVersion a = mv("example.com/a", "v1.0.0");
    ModuleVersion b = mv("example.com/b", "v1.0.0");
    ModuleVersion c = mv("example.com/c", "v1.0.0");

    assertThat(queue.enqueue(a).blockingGet()).isEqualTo(EnqueueResult.ACCEPTED);
    assertThat(queue.enqueue(b).blockingGet()).isEqualTo(EnqueueResult.ACCEPTED);
    assertThat(queue.enqueue(c).blockingGet()).isEqualTo(EnqueueResult.FULL);
    assertThat(queue.depth()).isEqualTo(2);
    assertThat(registry.get("goproxy_mirror_sync_queue_depth").gauge().value()).isEqualTo(2.0);

    Eventually.until("a runs", () -> gates.containsKey(a));
    gates.get(a).onSuccess(PrefetchResult.ALREADY_STORED);
    Eventually.until("a left", () -> queue.depth() == 1);
    assertThat(queue.enqueue(c).blockingGet()).isEqualTo(EnqueueResult.ACCEPTED);
    assertThat(prefetches("already_stored")).isEqualTo(1.0);
    assertThat(prefetcher.attemptsOf(c)).as("c waits behind b, concurrency 1").isZero();
  }

  @Test
  @DisplayName("never runs more than sync.queue.concurrency prefetches at once")
  void concurrencyLimit(Vertx vertx) {
    ScriptedPrefetcher prefetcher =
        new ScriptedPrefetcher(
            (v, n) ->
                Completable.timer(2 + (v.hashCode() & 7), TimeUnit.MILLISECONDS)
                    .toSingleDefault(PrefetchResult.STORED));
    PrefetchQueue queue = queue(vertx, config(100, 3, 0), prefetcher, new InMemoryPrefetchQueueStore());
    queue.start().blockingAwait();

    Flowable.range(0, 40)
        .concatMapSingle(i -> queue.enqueue(mv("example.com/m" + i, "v1.0.0")))
        .blockingSubscribe();
    Eventually.until("all 40 ended", () -> ended.versions().size() == 40);

    System.out.println("most prefetches at once: " + prefetcher.maxRunning());
    assertThat(prefetcher.maxRunning()).isBetween(1, 3);
    assertThat(prefetcher.attempts()).hasSize(40).doesNotHaveDuplicates();
    assertThat(queue.status().recentSuccesses()).hasSize(40);
  }

  @Test
  @DisplayName("retries a transient failure after doubling delays with jitter, then stores")
  void retriesThenSucceeds(Vertx vertx) {
    ScriptedPrefetcher prefetcher =
        new ScriptedPrefetcher(
            (v, n) ->
                n < 3
                    ? Single.error(new PrefetchFailure("upstream answered 502", false))
                    : Single.just(PrefetchResult.STORED));
    RecordingStore store = new RecordingStore();
    PrefetchQueue queue =
        queue(vertx, config(10, 1, 3), prefetcher, store, registry, Clock.fixed(T0, ZoneOffset.UTC));
    queue.start().blockingAwait();
    ModuleVersion v = mv("example.com/flaky", "v0.1.0");
    long started = System.nanoTime();

    queue.enqueue(v).blockingGet();
    Eventually.until("the version ended", () -> ended.versions().contains(v));

    System.out.println(
        "three attempts took " + (System.nanoTime() - started) / 1_000_000 + " ms");
    PrefetchOutcome outcome = ended.outcomes().get(0);
    assertThat(outcome.result()).contains(PrefetchResult.STORED);
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(prefetcher.attemptsOf(v)).isEqualTo(3);
    assertThat(prefetches("retried")).isEqualTo(2.0);
    assertThat(prefetches("stored")).isEqualTo(1.0);
    List<PendingPrefetch> retries = store.puts().stream().filter(p -> p.attempts() > 0).toList();
    assertThat(retries).extracting(PendingPrefetch::attempts).containsExactly(1, 2);
    long first = Duration.between(T0, retries.get(0).nextAttemptAt()).toMillis();
    long second = Duration.between(T0, retries.get(1).nextAttemptAt()).toMillis();
    assertThat(first).as("backoff 40ms with jitter").isBetween(30L, 50L);
    assertThat(second).as("doubled").isBetween(60L, 100L);
    assertThat(store.loadAll().toList().blockingGet()).as("removed once stored").isEmpty();
  }

  @Test
  @DisplayName("records a permanent failure with its reason without retrying it")
  void permanentFailure(Vertx vertx) {
    ScriptedPrefetcher prefetcher =
        new ScriptedPrefetcher(
            (v, n) -> Single.error(new PrefetchFailure("unknown revision v9.9.9", true)));
    PrefetchQueue queue = queue(vertx, config(10, 1, 5), prefetcher, new InMemoryPrefetchQueueStore());
    queue.start().blockingAwait();
    ModuleVersion v = mv("example.com/gone", "v9.9.9");

    queue.enqueue(v).blockingGet();
    Eventually.until("the version ended", () -> ended.versions().contains(v));

    assertThat(prefetcher.attemptsOf(v)).isEqualTo(1);
    assertThat(queue.status().recentFailures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.version()).isEqualTo(v);
              assertThat(f.reason()).contains("unknown revision v9.9.9");
              assertThat(f.permanent()).isTrue();
              assertThat(f.attempts()).isEqualTo(1);
            });
    assertThat(queue.status().recentSuccesses()).isEmpty();
    assertThat(prefetches("failed")).isEqualTo(1.0);
    assertThat(prefetches("retried")).isZero();
  }

  @Test
  @DisplayName("records a version whose retries ran out, with the last reason")
  void retriesExhausted(Vertx vertx) {
    ScriptedPrefetcher prefetcher =
        new ScriptedPrefetcher((v, n) -> Single.error(new IllegalStateException("timeout " + n)));
    PrefetchQueue queue = queue(vertx, config(10, 1, 2), prefetcher, new InMemoryPrefetchQueueStore());
    queue.start().blockingAwait();
    ModuleVersion v = mv("example.com/down", "v1.0.0");

    queue.enqueue(v).blockingGet();
    Eventually.until("the version ended", () -> ended.versions().contains(v));

    assertThat(prefetcher.attemptsOf(v)).isEqualTo(3);
    PrefetchOutcome failure = queue.status().recentFailures().get(0);
    assertThat(failure.reason()).contains("gave up after 3 attempts: timeout 3");
    assertThat(failure.permanent()).isFalse();
    assertThat(prefetches("retried")).isEqualTo(2.0);
    assertThat(prefetches("failed")).isEqualTo(1.0);
  }

  @Test
  @DisplayName("resumes the versions left in the store after a restart, each once")
  void resumesAfterRestart(Vertx vertx) {
    InMemoryPrefetchQueueStore store = new InMemoryPrefetchQueueStore();
    ModuleVersion done = mv("example.com/done", "v1.0.0");
    ModuleVersion a = mv("example.com/a", "v1.0.0");
    ModuleVersion b = mv("example.com/b", "v1.0.0");
    ModuleVersion c = mv("example.com/c", "v1.0.0");
    ScriptedPrefetcher first =
        ScriptedPrefetcher.held(
            v -> {
              SingleSubject<PrefetchResult> s = SingleSubject.create();
              if (v.equals(done)) {
                s.onSuccess(PrefetchResult.STORED);
              }
              return s;
            });
    PrefetchQueue before = queue(vertx, config(10, 2, 0), first, store);
    before.start().blockingAwait();
    for (ModuleVersion v : List.of(done, a, b, c)) {
      before.enqueue(v).blockingGet();
    }
    Eventually.until("done ended and a, b run", () -> first.attempts().size() == 3);
    before.stop().blockingAwait();
    ModuleVersion waiting = mv("example.com/waiting", "v2.0.0");
    store.put(new PendingPrefetch(waiting, 1, Set.of(), 2, Instant.now().plusMillis(50))).blockingAwait();

    ScriptedPrefetcher second = ScriptedPrefetcher.storing();
    PrefetchQueue after =
        queue(vertx, config(10, 2, 0), second, store, new SimpleMeterRegistry(), Clock.systemUTC());
    assertThat(after.enqueue(a).blockingGet())
        .as("enqueued before start, then found in the store")
        .isEqualTo(EnqueueResult.ACCEPTED);
    after.start().blockingAwait();
    Eventually.until("a, b, c and waiting ended", () -> after.depth() == 0 && second.attempts().size() == 4);

    assertThat(second.attempts()).containsExactlyInAnyOrder(a, b, c, waiting);
    assertThat(store.loadAll().toList().blockingGet()).isEmpty();
    PrefetchOutcome resumed =
        ended.outcomes().stream().filter(o -> o.version().equals(waiting)).findFirst().orElseThrow();
    assertThat(resumed.depth()).isEqualTo(1);
    assertThat(resumed.attempts()).as("attempt count carried over").isEqualTo(3);
  }

  @Test
  @DisplayName("keeps a version held while listeners finish, then tells them it left")
  void listenerOrder(Vertx vertx) {
    PrefetchQueue queue =
        queue(vertx, config(10, 1, 0), ScriptedPrefetcher.storing(), new InMemoryPrefetchQueueStore());
    ModuleVersion v = mv("example.com/x", "v1.0.0");
    List<String> events = new CopyOnWriteArrayList<>();
    queue.addListener(
        new PrefetchListener() {
          @Override
          public Completable finished(PrefetchOutcome outcome) {
            return queue
                .enqueue(new PrefetchRequest(v, 0, Set.of("job-late")))
                .doOnSuccess(r -> events.add("finished, enqueue again: " + r))
                .ignoreElement();
          }

          @Override
          public void ended(PrefetchOutcome outcome) {
            events.add("ended " + outcome.jobIds());
          }
        });
    queue.start().blockingAwait();

    queue.enqueue(v).blockingGet();
    Eventually.until("ended", () -> events.size() == 2);

    assertThat(events).containsExactly("finished, enqueue again: DUPLICATE", "ended [job-late]");
  }

  @Test
  @DisplayName("fails an enqueue whose store write fails and does not hold the version")
  void storeFailure(Vertx vertx) {
    PrefetchQueueStore broken =
        new PrefetchQueueStore() {
          @Override
          public Completable put(PendingPrefetch pending) {
            return Completable.error(new IllegalStateException("store down"));
          }

          @Override
          public Completable remove(ModuleVersion version) {
            return Completable.complete();
          }

          @Override
          public Flowable<PendingPrefetch> loadAll() {
            return Flowable.empty();
          }
        };
    PrefetchQueue queue = queue(vertx, config(10, 1, 0), ScriptedPrefetcher.storing(), broken);

    assertThatThrownBy(() -> queue.enqueue(mv("example.com/a", "v1.0.0")).blockingGet())
        .hasMessageContaining("store down");
    assertThat(queue.depth()).isZero();
  }

  @Test
  @DisplayName("keeps only the most recent successes")
  void recentBounded(Vertx vertx) {
    PrefetchQueue queue =
        queue(vertx, config(1000, 4, 0), ScriptedPrefetcher.storing(), new InMemoryPrefetchQueueStore());
    queue.start().blockingAwait();
    int n = PrefetchQueue.RECENT_LIMIT + 20;

    Flowable.fromIterable(IntStream.range(0, n).boxed().toList())
        .concatMapSingle(i -> queue.enqueue(mv("example.com/r" + i, "v1.0.0")))
        .blockingSubscribe();
    Eventually.until("all ended", () -> ended.versions().size() == n);

    assertThat(queue.status().recentSuccesses()).hasSize(PrefetchQueue.RECENT_LIMIT);
  }

  @Test
  @DisplayName("runs thousands of prefetches that end at once without nesting them on one stack")
  void manyInstantPrefetches(Vertx vertx) {
    ScriptedPrefetcher prefetcher = ScriptedPrefetcher.storing();
    PrefetchQueue queue = queue(vertx, config(20_000, 1, 0), prefetcher, new InMemoryPrefetchQueueStore());
    int n = 10_000;
    Flowable.range(0, n)
        .concatMapSingle(i -> queue.enqueue(mv("example.com/many" + i, "v1.0.0")))
        .blockingSubscribe();

    queue.start().blockingAwait();
    Eventually.until("all ended", () -> queue.depth() == 0);

    assertThat(prefetcher.attempts()).hasSize(n);
    assertThat(prefetches("stored")).isEqualTo(n);
  }

  /** An in-memory store that also records every put. */
  static final class RecordingStore implements PrefetchQueueStore {
    private final InMemoryPrefetchQueueStore delegate = new InMemoryPrefetchQueueStore();
    private final List<PendingPrefetch> puts = new CopyOnWriteArrayList<>();

    @Override
    public Completable put(PendingPrefetch pending) {
      return delegate.put(pending).doOnComplete(() -> puts.add(pending));
    }

    @Override
    public Completable remove(ModuleVersion version) {
      return delegate.remove(version);
    }

    @Override
    public Flowable<PendingPrefetch> loadAll() {
      return delegate.loadAll();
    }

    List<PendingPrefetch> puts() {
      return List.copyOf(puts);
    }
  }

}
