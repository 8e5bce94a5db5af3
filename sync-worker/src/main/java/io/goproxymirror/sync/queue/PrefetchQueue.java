package io.goproxymirror.sync.queue;

import io.goproxymirror.config.sync.SyncQueueConfig;
import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.port.PrefetchFailure;
import io.goproxymirror.sync.port.PrefetchResult;
import io.goproxymirror.sync.port.Prefetcher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prefetch queue: deduplicated by version, bounded by {@code sync.queue.max}, running at most
 * {@code sync.queue.concurrency} prefetches at once through the {@link Prefetcher}, retrying
 * transient failures after {@link RetryBackoff}'s delay. Every version it holds is also in the
 * {@link PrefetchQueueStore} until it ends, and {@link #start()} resumes what the store holds.
 *
 * <p>Thread-safe: callers may enqueue from any thread. What it holds, and in which state, is kept
 * by its {@link QueueState} in atomic steps; this class runs the prefetches and tells the listeners.
 */
public final class PrefetchQueue {
  /** How many recent successes and failures {@link #status()} keeps, each. */
  public static final int RECENT_LIMIT = 100;

  private static final Logger LOG = LoggerFactory.getLogger(PrefetchQueue.class);

  private final Vertx vertx;
  private final SyncQueueConfig config;
  private final Prefetcher prefetcher;
  private final PrefetchQueueStore store;
  private final RetryBackoff backoff;
  private final Clock clock;
  private final List<PrefetchListener> listeners = new CopyOnWriteArrayList<>();
  private final RecentPrefetches recent = new RecentPrefetches(RECENT_LIMIT);
  private final PrefetchMetrics metrics;
  private final QueueState state = new QueueState();

  public PrefetchQueue(
      Vertx vertx,
      SyncQueueConfig config,
      Prefetcher prefetcher,
      PrefetchQueueStore store,
      MeterRegistry registry) {
    this(vertx, config, prefetcher, store, registry, Clock.systemUTC());
  }

  PrefetchQueue(
      Vertx vertx,
      SyncQueueConfig config,
      Prefetcher prefetcher,
      PrefetchQueueStore store,
      MeterRegistry registry,
      Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.prefetcher = prefetcher;
    this.store = store;
    this.clock = clock;
    this.backoff =
        new RetryBackoff(config.backoff(), config.maxBackoff(), new Random());
    this.metrics = new PrefetchMetrics(registry);
    Gauge.builder("goproxy_mirror_sync_queue_depth", this, PrefetchQueue::depth)
        .description("Versions queued, running or waiting for a retry")
        .strongReference(true)
        .register(registry);
  }

  /** Adds a listener; see {@link PrefetchListener} for when each method is called. */
  public void addListener(PrefetchListener listener) {
    listeners.add(listener);
  }

  /** {@link #enqueue(PrefetchRequest)} of a version asked for directly. */
  public Single<EnqueueResult> enqueue(ModuleVersion version) {
    return enqueue(PrefetchRequest.of(version));
  }

  /**
   * Queues a version unless it is held already (then its job ids join the held one's) or the queue
   * is full. An accepted version is in the store when the returned chain succeeds; it fails when
   * the store does, and the version is not queued then.
   */
  public Single<EnqueueResult> enqueue(PrefetchRequest request) {
    return Single.defer(
        () -> {
          QueueState.Admission admission =
              state.admit(request, config.max(), clock.instant(), r -> notifyEnqueued(request, r));
          if (admission.added().isEmpty()) {
            return Single.just(admission.result());
          }
          QueueItem added = admission.added().get();
          return store
              .put(state.pendingOf(added))
              .doOnError(e -> state.forget(added))
              .toSingle(
                  () -> {
                    state.makeReady(added);
                    notifyEnqueued(request, EnqueueResult.ACCEPTED);
                    dispatch();
                    return EnqueueResult.ACCEPTED;
                  });
        });
  }

  /** Loads the store's entries (skipping versions held already) and starts running them. */
  public Completable start() {
    return store
        .loadAll()
        .toList()
        .doOnSuccess(
            loaded -> {
              List<QueueItem> resumed = state.resume(loaded);
              LOG.info("event=prefetch_queue_started resumed={}", resumed.size());
              resumed.forEach(this::waitOrMakeReady);
              dispatch();
            })
        .ignoreElement();
  }

  /**
   * Stops running prefetches and cancels waits. What was not finished stays in the store for the
   * next {@link #start()}.
   */
  public Completable stop() {
    return Completable.fromAction(
        () -> {
          List<QueueItem> held = state.stop();
          for (QueueItem item : held) {
            item.cancel(vertx);
          }
          LOG.info("event=prefetch_queue_stopped left={}", held.size());
        });
  }

  /** Versions queued, running or waiting for a retry. */
  public int depth() {
    return state.depth();
  }

  /** What the queue is doing now. */
  public PrefetchQueueStatus status() {
    return state.status(recent);
  }

  private EnqueueResult notifyEnqueued(PrefetchRequest request, EnqueueResult result) {
    if (result == EnqueueResult.FULL) {
      LOG.debug("event=prefetch_queue_full version={}", request.version());
    }
    for (PrefetchListener listener : listeners) {
      listener.enqueued(request, result);
    }
    return result;
  }

  private void waitOrMakeReady(QueueItem item) {
    long delay = Duration.between(clock.instant(), item.nextAttemptAt).toMillis();
    if (delay <= 0) {
      state.makeReady(item);
      return;
    }
    state.startWaiting(
        item,
        () ->
            vertx.setTimer(
                delay,
                id -> {
                  state.makeReady(item);
                  dispatch();
                }));
  }

  private void dispatch() {
    List<QueueItem> toRun = state.takeReady(config.concurrency());
    // Each prefetch starts in its own event-loop task: one that ends at once would otherwise start
    // the next from inside its own call stack, nesting as deep as the queue is long.
    toRun.forEach(item -> vertx.runOnContext(v -> run(item)));
  }

  private void run(QueueItem item) {
    if (!state.mayRun(item)) {
      return; // stopped since it was picked
    }
    item.subscription =
        Single.defer(() -> prefetcher.prefetch(item.version))
            .subscribe(result -> succeeded(item, result), error -> attemptFailed(item, error));
  }

  private void succeeded(QueueItem item, PrefetchResult result) {
    metrics.ended(result);
    LOG.debug("event=prefetch_done version={} result={}", item.version, result);
    end(item, Optional.of(result), Optional.empty(), false);
  }

  private void attemptFailed(QueueItem item, Throwable error) {
    boolean permanent = error instanceof PrefetchFailure failure && failure.permanent();
    String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    if (permanent || item.attempts > config.retries()) {
      metrics.failed();
      String why = permanent ? reason : "gave up after " + item.attempts + " attempts: " + reason;
      LOG.warn("event=prefetch_failed version={} permanent={} reason=\"{}\"", item.version, permanent, why);
      end(item, Optional.empty(), Optional.of(why), permanent);
      return;
    }
    metrics.retried();
    Duration delay = backoff.delay(item.attempts);
    LOG.info(
        "event=prefetch_retry version={} attempt={} delay_ms={} reason=\"{}\"",
        item.version, item.attempts, delay.toMillis(), reason);
    if (!state.retryAt(item, clock.instant().plus(delay))) {
      return;
    }
    dispatch();
    store
        .put(state.pendingOf(item))
        .onErrorComplete(e -> logStoreError("put", item, e))
        .subscribe(() -> waitOrMakeReady(item));
  }

  private void end(
      QueueItem item, Optional<PrefetchResult> result, Optional<String> reason, boolean permanent) {
    Optional<Set<String>> finishing = state.finishing(item);
    if (finishing.isEmpty()) {
      return;
    }
    Set<String> jobs = finishing.get();
    dispatch();
    PrefetchOutcome outcome =
        new PrefetchOutcome(
            item.version, item.depth, jobs, result, reason, permanent, item.attempts, clock.instant());
    Completable.concat(
            listeners.stream()
                .map(
                    l ->
                        Completable.defer(() -> l.finished(outcome))
                            .onErrorComplete(e -> logListenerError(item, e)))
                .toList())
        .andThen(Completable.defer(() -> store.remove(item.version)))
        .onErrorComplete(e -> logStoreError("remove", item, e))
        .subscribe(() -> left(item, outcome));
  }

  private void left(QueueItem item, PrefetchOutcome outcome) {
    Optional<Set<String>> jobs = state.leave(item);
    if (jobs.isEmpty()) {
      return;
    }
    PrefetchOutcome last = outcome.withJobIds(jobs.get());
    recent.record(last);
    for (PrefetchListener listener : listeners) {
      listener.ended(last);
    }
  }

  private boolean logStoreError(String operation, QueueItem item, Throwable e) {
    LOG.error("event=prefetch_store_failed op={} version={} error=\"{}\"", operation, item.version, e.toString());
    return true;
  }

  private boolean logListenerError(QueueItem item, Throwable e) {
    LOG.error("event=prefetch_listener_failed version={} error=\"{}\"", item.version, e.toString());
    return true;
  }
}
