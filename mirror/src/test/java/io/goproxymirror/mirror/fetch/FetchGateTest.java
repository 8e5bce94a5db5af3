package io.goproxymirror.mirror.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.errors.OverloadedException;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subjects.SingleSubject;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the fetch gate and its wait queue")
class FetchGateTest {
  private MeterRegistry registry;
  private MirrorMetrics metrics;
  private TestScheduler clock;

  @BeforeEach
  void setUp() {
    registry = new SimpleMeterRegistry();
    metrics = new MirrorMetrics(registry);
    clock = new TestScheduler();
  }

  private FetchGate gate(int max, int queue) {
    return new FetchGate(max, queue, Duration.ofSeconds(10), clock, metrics);
  }

  private double rejected(String reason) {
    var counter = registry.find("goproxy_mirror_fetch_rejected").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private double depthGauge() {
    return registry.get("goproxy_mirror_fetch_queue_depth").gauge().value();
  }

  @Test
  @DisplayName("grants max permits at once; the next misses wait and get freed permits in arrival order")
  void fifo() {
    FetchGate gate = gate(2, 5);
    TestObserver<FetchGate.Permit> first = gate.acquire().test();
    TestObserver<FetchGate.Permit> second = gate.acquire().test();
    List<TestObserver<FetchGate.Permit>> waiting = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      waiting.add(gate.acquire().test());
    }
    first.assertValueCount(1);
    second.assertValueCount(1);
    waiting.forEach(w -> w.assertNoValues().assertNoErrors());
    assertThat(gate.running()).isEqualTo(2);
    assertThat(gate.queued()).isEqualTo(4);
    assertThat(depthGauge()).isEqualTo(4.0);

    second.values().get(0).release();
    waiting.get(0).assertValueCount(1);
    waiting.subList(1, 4).forEach(TestObserver::assertNoValues);
    first.values().get(0).release();
    waiting.get(1).assertValueCount(1);
    waiting.get(0).values().get(0).release();
    waiting.get(2).assertValueCount(1);
    waiting.get(3).assertNoValues();
    assertThat(gate.running()).isEqualTo(2);
    assertThat(gate.queued()).isEqualTo(1);
  }

  @Test
  @DisplayName("a full queue sheds the miss at once with 503; fetch.queue=0 lets none wait")
  void queueFull() {
    FetchGate gate = gate(1, 1);
    gate.acquire().test().assertValueCount(1);
    TestObserver<FetchGate.Permit> waiter = gate.acquire().test();
    gate.acquire().test().assertError(OverloadedException.class);
    waiter.assertEmpty();
    assertThat(rejected("queue_full")).isEqualTo(1.0);

    FetchGate none = gate(1, 0);
    none.acquire().test().assertValueCount(1);
    TestObserver<FetchGate.Permit> shed = none.acquire().test();
    shed.assertError(e -> e instanceof OverloadedException && e.getMessage().contains("retry shortly"));
    assertThat(new OverloadedException("x").status()).isEqualTo(503);
    assertThat(none.queued()).isZero();
    assertThat(rejected("queue_full")).isEqualTo(2.0);
  }

  @Test
  @DisplayName("a waiter gets 503 when its wait passes queue-wait, and the permit freed later goes to the next one")
  void queueTimeout() {
    FetchGate gate = gate(1, 3);
    TestObserver<FetchGate.Permit> holder = gate.acquire().test();
    TestObserver<FetchGate.Permit> early = gate.acquire().test();
    clock.advanceTimeBy(6, TimeUnit.SECONDS);
    TestObserver<FetchGate.Permit> late = gate.acquire().test();
    clock.advanceTimeBy(4, TimeUnit.SECONDS);
    early.assertError(OverloadedException.class);
    late.assertEmpty();
    assertThat(gate.queued()).isEqualTo(1);
    assertThat(rejected("queue_timeout")).isEqualTo(1.0);

    holder.values().get(0).release();
    late.assertValueCount(1);
    clock.advanceTimeBy(10, TimeUnit.SECONDS);
    late.assertNoErrors();
    assertThat(rejected("queue_timeout")).isEqualTo(1.0);
    late.values().get(0).release();
    assertThat(gate.running()).isZero();
  }

  @Test
  @DisplayName("a disposed waiter leaves the queue and never holds a permit")
  void disposedWaiter() {
    FetchGate gate = gate(1, 3);
    TestObserver<FetchGate.Permit> holder = gate.acquire().test();
    TestObserver<FetchGate.Permit> gone = gate.acquire().test();
    TestObserver<FetchGate.Permit> next = gate.acquire().test();
    gone.dispose();
    assertThat(gate.queued()).isEqualTo(1);
    assertThat(depthGauge()).isEqualTo(1.0);

    holder.values().get(0).release();
    gone.assertEmpty();
    next.assertValueCount(1);
    next.values().get(0).release();
    assertThat(gate.running()).isZero();
    clock.advanceTimeBy(1, TimeUnit.MINUTES);
    gone.assertEmpty();
    assertThat(rejected("queue_timeout")).isZero();
  }

  @Test
  @DisplayName("withPermit gives the permit back once on success, error and dispose")
  void withPermitReleases() {
    FetchGate gate = gate(1, 0);
    assertThat(gate.withPermit(p -> Single.just("ok")).blockingGet()).isEqualTo("ok");
    assertThat(gate.running()).isZero();
    gate.withPermit(p -> Single.error(new IllegalStateException("boom"))).test()
        .assertError(IllegalStateException.class);
    assertThat(gate.running()).isZero();
    SingleSubject<String> never = SingleSubject.create();
    TestObserver<String> running = gate.withPermit(p -> never).test();
    assertThat(gate.running()).isEqualTo(1);
    running.dispose();
    assertThat(gate.running()).isZero();
    assertThat(never.hasObservers()).isFalse();
  }

  @Test
  @DisplayName("a release on another thread hands the permit over on the waiter's Vert.x context")
  void handsOverOnContext() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      FetchGate gate = new FetchGate(1, 1, Duration.ofSeconds(10), Schedulers.computation(), metrics);
      FetchGate.Permit holder = gate.acquire().blockingGet();
      Context context = vertx.getOrCreateContext();
      CompletableFuture<Boolean> onContext = new CompletableFuture<>();
      CountDownLatch queued = new CountDownLatch(1);
      context.runOnContext(v -> {
        gate.acquire().subscribe(p -> {
          onContext.complete(Vertx.currentContext() == context);
          p.release();
        }, onContext::completeExceptionally);
        queued.countDown();
      });
      assertThat(queued.await(10, TimeUnit.SECONDS)).isTrue();
      holder.release();
      assertThat(onContext.get(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("under concurrent acquires, releases (repeated) and disposals, no more than max run and every permit comes back once")
  void concurrency() throws Exception {
    int max = 3;
    FetchGate gate = new FetchGate(max, 1000, Duration.ofSeconds(30), Schedulers.computation(), metrics);
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    int tasks = 2000;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch done = new CountDownLatch(tasks);
    try {
      for (int i = 0; i < tasks; i++) {
        int n = i;
        pool.execute(() -> {
          TestObserver<FetchGate.Permit> waiter = gate.acquire().test();
          if (n % 3 == 0) {
            waiter.dispose();
            done.countDown();
            return;
          }
          try {
            if (!waiter.await(30, TimeUnit.SECONDS)) {
              throw new AssertionError("no permit within 30s");
            }
            FetchGate.Permit permit = waiter.values().get(0);
            most.accumulateAndGet(holding.incrementAndGet(), Math::max);
            if (ThreadLocalRandom.current().nextBoolean()) {
              Thread.yield();
            }
            holding.decrementAndGet();
            permit.release();
            permit.release();
            finished.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            done.countDown();
          }
        });
      }
      assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("[fetch-gate] %d permits used, at most %d held at once%n", finished.get(), most.get());
    assertThat(finished.get()).isEqualTo(tasks - (tasks + 2) / 3);
    assertThat(most.get()).isBetween(1, max);
    assertThat(gate.running()).isZero();
    assertThat(gate.queued()).isZero();
    assertThat(rejected("queue_full") + rejected("queue_timeout")).isZero();
  }
}
