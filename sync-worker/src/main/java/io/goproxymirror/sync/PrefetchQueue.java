package io.goproxymirror.sync;

import io.goproxymirror.config.sync.SyncQueueConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prefetch queue: deduplicated by version, bounded by {@code sync.queue.max}, running at most
 * {@code sync.queue.concurrency} prefetches at once through the {@link Prefetcher}, retrying
 * transient failures after {@link RetryBackoff}'s delay. Every version it holds is also in the
 * {@link PrefetchQueueStore} until it ends, and {@link #start()} resumes what the store holds.
 *
 * <p>Thread-safe: callers may enqueue from any thread.
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

  // Guarded by this.
  private final Map<ModuleVersion, QueueItem> items = new HashMap<>();
  private final ArrayDeque<QueueItem> ready = new ArrayDeque<>();
  private int running;
  private boolean started;

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
          QueueItem added;
          synchronized (this) {
            QueueItem held = items.get(request.version());
            if (held != null) {
              held.jobIds.addAll(request.jobIds());
              return Single.just(notifyEnqueued(request, EnqueueResult.DUPLICATE));
            }
            if (items.size() >= config.max()) {
              return Single.just(notifyEnqueued(request, EnqueueResult.FULL));
            }
            added = new QueueItem(request, clock.instant());
            items.put(request.version(), added);
          }
          return store
              .put(pendingOf(added))
              .doOnError(e -> forget(added))
              .toSingle(
                  () -> {
                    makeReady(added);
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
              List<QueueItem> resumed = new ArrayList<>();
              synchronized (this) {
                started = true;
                for (PendingPrefetch pending : loaded) {
                  if (!items.containsKey(pending.version())) {
                    QueueItem item = new QueueItem(pending);
                    items.put(pending.version(), item);
                    resumed.add(item);
                  }
                }
              }
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
          List<QueueItem> held;
          synchronized (this) {
            started = false;
            held = new ArrayList<>(items.values());
            items.clear();
            ready.clear();
            running = 0;
          }
          for (QueueItem item : held) {
            item.cancel(vertx);
          }
          LOG.info("event=prefetch_queue_stopped left={}", held.size());
        });
  }

  /** Versions queued, running or waiting for a retry. */
  public synchronized int depth() {
    return items.size();
  }

  public PrefetchQueueStatus status() {
    int runningNow;
    int waiting;
    int held;
    synchronized (this) {
      runningNow = running;
      held = items.size();
      waiting = (int) items.values().stream().filter(i -> i.state == QueueItem.State.WAITING).count();
    }
    return new PrefetchQueueStatus(held, runningNow, waiting, recent.successes(), recent.failures());
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

  private synchronized PendingPrefetch pendingOf(QueueItem item) {
    return new PendingPrefetch(item.version, item.depth, item.jobIds, item.attempts, item.nextAttemptAt);
  }

  private synchronized void forget(QueueItem item) {
    if (items.get(item.version) == item) {
      items.remove(item.version);
    }
  }

  private synchronized void makeReady(QueueItem item) {
    if (items.get(item.version) == item) {
      item.state = QueueItem.State.READY;
      ready.add(item);
    }
  }

  private void waitOrMakeReady(QueueItem item) {
    long delay = Duration.between(clock.instant(), item.nextAttemptAt).toMillis();
    if (delay <= 0) {
      makeReady(item);
      return;
    }
    synchronized (this) {
      if (items.get(item.version) != item) {
        return;
      }
      item.state = QueueItem.State.WAITING;
      item.timerId =
          vertx.setTimer(
              delay,
              id -> {
                makeReady(item);
                dispatch();
              });
    }
  }

  private void dispatch() {
    List<QueueItem> toRun = new ArrayList<>();
    synchronized (this) {
      while (started && running < config.concurrency() && !ready.isEmpty()) {
        QueueItem item = ready.poll();
        item.state = QueueItem.State.RUNNING;
        item.attempts++;
        running++;
        toRun.add(item);
      }
    }
    // Each prefetch starts in its own event-loop task: one that ends at once would otherwise start
    // the next from inside its own call stack, nesting as deep as the queue is long.
    toRun.forEach(item -> vertx.runOnContext(v -> run(item)));
  }

  private void run(QueueItem item) {
    synchronized (this) {
      if (!started || items.get(item.version) != item) {
        return; // stopped since it was picked
      }
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
    synchronized (this) {
      if (items.get(item.version) != item) {
        return;
      }
      running--;
      item.state = QueueItem.State.WAITING;
      item.nextAttemptAt = clock.instant().plus(delay);
    }
    dispatch();
    store
        .put(pendingOf(item))
        .onErrorComplete(e -> logStoreError("put", item, e))
        .subscribe(() -> waitOrMakeReady(item));
  }

  private void end(
      QueueItem item, Optional<PrefetchResult> result, Optional<String> reason, boolean permanent) {
    Set<String> jobs;
    synchronized (this) {
      if (items.get(item.version) != item) {
        return;
      }
      running--;
      item.state = QueueItem.State.FINISHING;
      jobs = Set.copyOf(item.jobIds);
    }
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
    Set<String> jobs;
    synchronized (this) {
      if (items.get(item.version) != item) {
        return;
      }
      items.remove(item.version);
      jobs = Set.copyOf(item.jobIds);
    }
    PrefetchOutcome last = outcome.withJobIds(jobs);
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
