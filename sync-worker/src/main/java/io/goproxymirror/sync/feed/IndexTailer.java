package io.goproxymirror.sync.feed;

import io.goproxymirror.config.sync.SyncIndexConfig;
import io.goproxymirror.sync.port.SyncStateStore;
import io.goproxymirror.sync.queue.RetryBackoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.subjects.CompletableSubject;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the index feed: from its cursor, asks for pages until one brings nothing new, hands the new
 * entries of each page to an {@link IndexListener}, persists the cursor (as JSON under {@link
 * #CURSOR_KEY}) once the listener completes, then waits the poll interval. Failures of the feed,
 * the listener or the store back off exponentially from {@code firstBackoff} up to the poll
 * interval and retry from the last persisted cursor, so no entry is skipped and none is handed on
 * twice, across restarts too.
 *
 * <p>Without a stored cursor it starts at {@code sync.index.since}, or at the clock's now, and
 * stores that at once. {@code sync.index.enabled} is the caller's to check: a tailer that is
 * started tails. Its meters are registered once per registry, so one tailer runs per
 * registry. A page made only of entries already handed on at the cursor's instant may have been
 * cut short by the page size, so the tailer then asks for what follows that instant; entries at
 * one instant beyond a whole page of them would be missed, which the feed's 2000-entry pages make
 * unlikely.
 */
public final class IndexTailer {
  /** The {@link SyncStateStore} name of the cursor. */
  public static final String CURSOR_KEY = "index-cursor";

  private static final Logger LOG = LoggerFactory.getLogger(IndexTailer.class);
  private static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final IndexFeedClient client;
  private final SyncStateStore store;
  private final IndexListener listener;
  private final SyncIndexConfig config;
  private final Clock clock;
  private final IndexMetrics metrics;
  private final RetryBackoff backoff;
  private int failures;

  private Context context;
  private volatile IndexCursor cursor;
  private volatile String lastError;
  private volatile boolean stopped;
  private volatile long timer = -1;
  private volatile Disposable inFlight = Disposable.disposed();
  private volatile CompletableSubject handoff;

  public IndexTailer(Vertx vertx, TailerPorts ports, SyncIndexConfig config, Clock clock,
      MeterRegistry registry, Duration firstBackoff) {
    this.vertx = vertx;
    this.client = ports.feed();
    this.store = ports.cursorStore();
    this.listener = ports.listener();
    this.config = config;
    this.clock = clock;
    this.metrics = new IndexMetrics(registry, this::lagSeconds);
    Duration first = firstBackoff.compareTo(config.pollInterval()) > 0 ? config.pollInterval() : firstBackoff;
    this.backoff = new RetryBackoff(first, config.pollInterval(), new Random());
  }

  /** A tailer on the system clock whose first retry waits a second (or the poll interval). */
  public IndexTailer(Vertx vertx, TailerPorts ports, SyncIndexConfig config, MeterRegistry registry) {
    this(vertx, ports, config, Clock.systemUTC(), registry, DEFAULT_FIRST_BACKOFF);
  }

  /**
   * Loads the cursor (storing a new one when none is stored) and starts polling at once. Fails
   * when the stored cursor cannot be read or the store fails.
   */
  public Completable start() {
    context = vertx.getOrCreateContext();
    stopped = false;
    return store.get(CURSOR_KEY)
        .map(json -> {
          try {
            return IndexCursor.fromJson(json);
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the stored index cursor (" + CURSOR_KEY
                + ") is unreadable; delete it to start again from sync.index.since: " + e.getMessage(), e);
          }
        })
        .switchIfEmpty(Single.defer(() -> {
          IndexCursor first = IndexCursor.at(config.since().orElse(clock.instant()));
          return store.put(CURSOR_KEY, first.toJson()).toSingleDefault(first);
        }))
        .doOnSuccess(loaded -> {
          cursor = loaded;
          LOG.info("event=index_tailer_started feed={} since={} seen={}",
              client.name(), loaded.timestamp(), loaded.seen().size());
          context.runOnContext(v -> poll());
        })
        .ignoreElement();
  }

  /**
   * Stops polling: cancels a pending wait or feed request, and completes once a hand-off in
   * progress (listener and cursor write) has finished, so its cursor is stored.
   */
  public Completable stop() {
    return Completable.defer(() -> {
      stopped = true;
      vertx.cancelTimer(timer);
      inFlight.dispose();
      CompletableSubject pending = handoff;
      return (pending == null ? Completable.complete() : pending)
          .doOnComplete(() -> LOG.info("event=index_tailer_stopped feed={}", client.name()));
    });
  }

  /** The cursor in use; empty before {@link #start()} loaded it. */
  public Optional<IndexCursor> cursor() {
    return Optional.ofNullable(cursor);
  }

  /** Now minus the cursor time; empty before the cursor is loaded. */
  public Optional<Duration> lag() {
    IndexCursor current = cursor;
    return current == null ? Optional.empty() : Optional.of(Duration.between(current.time(), clock.instant()));
  }

  /** The last failure's message, cleared by the next page that is handed on or caught up. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  private double lagSeconds() {
    return lag().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  private void poll() {
    poll(false);
  }

  /**
   * Asks for the page at the cursor ({@code since} is inclusive), or, with {@code stepPast}, for the
   * page just after the cursor's instant (see {@link #onPage}).
   */
  private void poll(boolean stepPast) {
    if (stopped) {
      return;
    }
    IndexCursor from = cursor;
    String since = stepPast ? from.time().plusNanos(1).toString() : from.timestamp();
    inFlight = client.fetch(since, config.limit())
        .subscribe(
            page -> context.runOnContext(v -> onPage(from, page, stepPast)),
            err -> context.runOnContext(v -> retry("feed", err)));
  }

  private void onPage(IndexCursor from, IndexPage page, boolean steppedPast) {
    if (stopped) {
      return;
    }
    IndexCursor.Advance advance = from.advance(page.entries());
    metrics.page(page, advance.fresh().size());
    if (advance.fresh().isEmpty() && !steppedPast && saturated(from, page)) {
      // Every entry of the page is at the cursor's instant and handed on already: the page may have
      // been cut short by the feed's page size before later entries. Ask for what follows that
      // instant; only more entries at one instant than a page holds could still be missed.
      poll(true);
      return;
    }
    if (advance.fresh().isEmpty()) {
      lastError = null;
      failures = 0;
      schedule(config.pollInterval());
      return;
    }
    CompletableSubject done = CompletableSubject.create();
    handoff = done;
    Completable.defer(() -> listener.accept(advance.fresh()))
        .onErrorResumeNext(err -> Completable.error(new StepFailure("listener", err)))
        .andThen(Completable.defer(() -> store.put(CURSOR_KEY, advance.next().toJson())))
        .onErrorResumeNext(err -> Completable.error(
            err instanceof StepFailure ? err : new StepFailure("store", err)))
        .subscribe(
            () -> context.runOnContext(v -> {
              cursor = advance.next();
              metrics.handedOn(advance.fresh().size());
              lastError = null;
              failures = 0;
              LOG.debug("event=index_page_handed_on entries={} cursor={}",
                  advance.fresh().size(), cursor.timestamp());
              done.onComplete();
              poll();
            }),
            err -> context.runOnContext(v -> {
              done.onComplete();
              StepFailure failure = (StepFailure) err;
              retry(failure.step, failure.getCause());
            }));
  }

  /** Whether a page is nothing but entries at the cursor's own instant. */
  private static boolean saturated(IndexCursor from, IndexPage page) {
    return !page.entries().isEmpty() && page.entries().stream().allMatch(e -> e.time().equals(from.time()));
  }

  private void retry(String step, Throwable err) {
    if (stopped) {
      return;
    }
    String reason = err instanceof IndexFeedException feed ? feed.reason().tag() : step;
    metrics.error(reason);
    lastError = step + ": " + err.getMessage();
    Duration delay = backoff.delay(++failures);
    LOG.warn("event=index_poll_failed step={} reason={} error=\"{}\" retry_in_ms={}",
        step, reason, err.getMessage(), delay.toMillis());
    schedule(delay);
  }

  private void schedule(Duration delay) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> poll());
    }
  }

  /** Which step of a hand-off failed. */
  private static final class StepFailure extends RuntimeException {
    private final String step;

    StepFailure(String step, Throwable cause) {
      super(cause.getMessage(), cause, false, false);
      this.step = step;
    }
  }
}
