package io.goproxymirror.sync.watch;

import io.goproxymirror.config.sync.WatchEntry;
import io.goproxymirror.config.sync.WatchList;
import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.port.StoredVersions;
import io.goproxymirror.sync.port.VersionLister;
import io.goproxymirror.sync.queue.PrefetchQueue;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the watched modules at start and every {@code poll} of their entry (default the index poll
 * interval) from their sources, so versions absent from the feed (private modules, a feed outage)
 * are caught too. An entry with a plain path lists that module; a glob entry lists the modules
 * seen under it ({@link KnownModules}). The versions the entry's policy selects that are not stored
 * yet go to the prefetch queue. One round runs at a time; a changed watch list makes every entry
 * due at once.
 */
public final class WatchPoller {
  private static final Logger LOG = LoggerFactory.getLogger(WatchPoller.class);
  private static final long TICK_MS = 1000;

  private final Vertx vertx;
  private final Supplier<WatchList> watchList;
  private final VersionLister lister;
  private final StoredVersions stored;
  private final PrefetchQueue queue;
  private final KnownModules known;
  private final Duration defaultPoll;
  private final Clock clock;
  private final Map<WatchEntry, Instant> due = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile long timer = -1;
  private volatile Disposable round = Disposable.disposed();

  public WatchPoller(Vertx vertx, PollSources sources, PrefetchQueue queue, Duration defaultPoll, Clock clock) {
    this.vertx = vertx;
    this.watchList = sources.watchList();
    this.lister = sources.lister();
    this.stored = sources.stored();
    this.queue = queue;
    this.known = sources.known();
    this.defaultPoll = defaultPoll;
    this.clock = clock;
  }

  /** Polls every entry now, then each when its interval has passed. */
  public void start() {
    synchronized (due) {
      due.clear();
    }
    timer = vertx.setPeriodic(1, TICK_MS, id -> tick());
  }

  /** Stops polling; a round under way is abandoned. */
  public void stop() {
    vertx.cancelTimer(timer);
    round.dispose();
    running.set(false);
  }

  /** Makes every entry due now (the watch list changed). */
  public void rescheduleAll() {
    synchronized (due) {
      due.clear();
    }
  }

  private void tick() {
    Instant now = clock.instant();
    List<WatchEntry> ready;
    synchronized (due) {
      ready = watchList.get().entries().stream()
          .filter(entry -> !due.getOrDefault(entry, Instant.MIN).isAfter(now))
          .toList();
      ready.forEach(entry -> due.put(entry, now.plus(entry.pollOr(defaultPoll))));
    }
    if (ready.isEmpty() || !running.compareAndSet(false, true)) {
      return;
    }
    round = Flowable.fromIterable(ready)
        .concatMapCompletable(this::poll)
        .doFinally(() -> running.set(false))
        .subscribe(() -> {}, err -> LOG.warn("event=watch_poll_failed reason=\"{}\"", err.getMessage()));
  }

  private Completable poll(WatchEntry entry) {
    List<String> modules = entry.isGlob()
        ? known.paths().stream().filter(entry::matches).toList()
        : List.of(entry.path());
    return Flowable.fromIterable(modules).concatMapCompletable(module -> pollModule(entry, module));
  }

  private Completable pollModule(WatchEntry entry, String module) {
    return lister.versions(module)
        .flattenAsFlowable(versions -> entry.versions().select(versions))
        .map(version -> new ModuleVersion(module, version))
        .concatMapCompletable(version -> stored.isStored(version)
            .flatMapCompletable(isStored -> isStored
                ? Completable.complete()
                : queue.enqueue(version).ignoreElement()))
        .doOnComplete(() -> LOG.debug("event=watch_polled module={}", module))
        .onErrorComplete(err -> {
          LOG.warn("event=watch_poll_failed module={} reason=\"{}\"", module, err.getMessage());
          return true;
        });
  }
}
