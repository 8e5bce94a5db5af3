package io.goproxymirror.sync.expansion;

import static io.goproxymirror.sync.testing.FakeModuleStore.mv;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.sync.SyncExpansionConfig;
import io.goproxymirror.sync.queue.PrefetchOutcome;
import io.goproxymirror.sync.queue.PrefetchQueue;
import io.goproxymirror.sync.testing.EndedListener;
import io.goproxymirror.sync.testing.Eventually;
import io.goproxymirror.sync.testing.FakeModuleStore;
import io.goproxymirror.sync.testing.ScriptedPrefetcher;
import io.goproxymirror.sync.testing.TestQueues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("DependencyExpansion")
class DependencyExpansionTest {
  private final FakeModuleStore modules = FakeModuleStore.dependencyChain();
  private final ScriptedPrefetcher prefetcher = modules.prefetcher();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EndedListener ended = new EndedListener();
  private PrefetchQueue queue;

  @AfterEach
  void stop() {
    queue.stop().blockingAwait();
  }

  private DependencyExpansion start(Vertx vertx, SyncExpansionConfig config, int queueMax) {
    queue = TestQueues.inMemory(vertx, queueMax, prefetcher, registry);
    DependencyExpansion expansion = new DependencyExpansion(config, queue, modules, registry);
    queue.addListener(expansion);
    queue.addListener(ended);
    queue.start().blockingAwait();
    return expansion;
  }

  private void settle() {
    Eventually.until("the queue is empty", () -> queue.depth() == 0);
  }

  @Test
  @DisplayName("follows requirements of a prefetched version down to sync.expansion.depth levels")
  void depthLimit(Vertx vertx) {
    start(vertx, new SyncExpansionConfig(true, 2), 100);

    queue.enqueue(mv("example.com/a@v1.0.0")).blockingGet();
    settle();

    assertThat(prefetcher.attempts())
        .containsExactlyInAnyOrder(
            mv("example.com/a@v1.0.0"),
            mv("example.com/b@v1.0.0"),
            mv("example.com/x@v0.1.0"),
            mv("example.com/c@v1.0.0"));
    assertThat(ended.outcomes())
        .filteredOn(o -> o.version().equals(mv("example.com/c@v1.0.0")))
        .singleElement()
        .satisfies(o -> assertThat(o.depth()).isEqualTo(2));
  }

  @Test
  @DisplayName("skips requirements that are stored already, and what only they require")
  void skipsStored(Vertx vertx) {
    modules.markStored("example.com/b@v1.0.0");
    start(vertx, new SyncExpansionConfig(true, 3), 100);

    queue.enqueue(mv("example.com/a@v1.0.0")).blockingGet();
    settle();

    assertThat(prefetcher.attempts())
        .containsExactlyInAnyOrder(mv("example.com/a@v1.0.0"), mv("example.com/x@v0.1.0"));
    assertThat(registry.counter("goproxy_mirror_sync_expansions", "result", "already_stored").count())
        .isEqualTo(1.0);
    assertThat(registry.counter("goproxy_mirror_sync_expansions", "result", "accepted").count())
        .isEqualTo(1.0);
  }

  @Test
  @DisplayName("queues the requirements of a version a client miss stored, one level below it")
  void fromClientMiss(Vertx vertx) {
    DependencyExpansion expansion = start(vertx, new SyncExpansionConfig(true, 3), 100);
    modules.markStored("example.com/c@v1.0.0");

    expansion.onStored(mv("example.com/c@v1.0.0"), modules.goModOf("example.com/c@v1.0.0"), 0)
        .blockingAwait();
    settle();

    assertThat(prefetcher.attempts())
        .containsExactlyInAnyOrder(mv("example.com/d@v1.0.0"), mv("example.com/e@v1.0.0"));
    assertThat(ended.outcomes()).extracting(PrefetchOutcome::depth).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  @DisplayName("does nothing when disabled")
  void disabled(Vertx vertx) {
    DependencyExpansion expansion = start(vertx, new SyncExpansionConfig(false, 3), 100);

    queue.enqueue(mv("example.com/a@v1.0.0")).blockingGet();
    expansion.onStored(mv("example.com/b@v1.0.0"), modules.goModOf("example.com/b@v1.0.0"), 0)
        .blockingAwait();
    settle();

    assertThat(prefetcher.attempts()).containsExactly(mv("example.com/a@v1.0.0"));
  }

  @Test
  @DisplayName("stops at the queue's bound, counting the refused requirements")
  void boundedByQueue(Vertx vertx) {
    DependencyExpansion expansion = start(vertx, new SyncExpansionConfig(true, 3), 1);
    modules.markStored("example.com/a@v1.0.0");
    queue.stop().blockingAwait();

    expansion.onStored(mv("example.com/a@v1.0.0"), modules.goModOf("example.com/a@v1.0.0"), 0)
        .blockingAwait();

    assertThat(queue.depth()).isEqualTo(1);
    assertThat(registry.counter("goproxy_mirror_sync_expansions", "result", "full").count())
        .isEqualTo(1.0);
  }

  @Test
  @DisplayName("ignores a go.mod it cannot read")
  void unreadableGoMod(Vertx vertx) {
    DependencyExpansion expansion = start(vertx, new SyncExpansionConfig(true, 3), 100);

    expansion.onStored(mv("example.com/a@v1.0.0"), "require (\n".getBytes(), 0).blockingAwait();

    assertThat(queue.depth()).isZero();
    assertThat(prefetcher.attempts()).isEmpty();
  }
}
