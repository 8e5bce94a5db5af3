package io.goproxymirror.sync.watch;

import io.goproxymirror.config.sync.WatchList;
import io.goproxymirror.config.value.ConfigException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.rxjava3.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch list in use, kept in step with its file ({@code sync.watchlist}).
 *
 * <p>{@link #start()} loads the file and then re-checks it every check interval ({@code
 * sync.watchlist-check}) by the hash of its content, since file-system change events are not
 * reliable everywhere. A version that parses replaces the list at once, and listeners registered
 * with {@link #onChange} get the new list when it differs. A version that is missing, unreadable or
 * invalid leaves the last good list in use and is reported once: a WARN log line (the error
 * message, no other file content), the counter {@code goproxy_mirror_sync_watchlist_reload_errors}
 * ({@code _total} in Prometheus) and {@link #status()}. The gauge {@code
 * goproxy_mirror_sync_watchlist_entries} holds the entries in use.
 *
 * <p>Files are read on Vert.x worker threads; state changes are atomic, so {@link #current()} and
 * {@link #status()} may be called from any thread.
 */
public final class WatchListSource {
  private static final Logger LOG = LoggerFactory.getLogger(WatchListSource.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final Path file;
  private final Duration checkInterval;
  private final Clock clock;
  private final Counter reloadErrors;
  private final AtomicInteger entries = new AtomicInteger();
  private final AtomicReference<WatchList> current = new AtomicReference<>(WatchList.empty());
  private final AtomicReference<WatchListStatus> status = new AtomicReference<>();
  private final AtomicReference<String> lastSeen = new AtomicReference<>("");
  private final AtomicBoolean checking = new AtomicBoolean();
  private final List<Consumer<WatchList>> listeners = new CopyOnWriteArrayList<>();
  private volatile long timer = -1;

  /**
   * @param file the watch-list file
   * @param checkInterval how often the file is checked for changes
   */
  public WatchListSource(Vertx vertx, Path file, Duration checkInterval, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.file = file;
    this.checkInterval = checkInterval;
    this.clock = clock;
    this.reloadErrors =
        Counter.builder("goproxy_mirror_sync_watchlist_reload_errors")
            .description("Watch-list file versions that could not be loaded (the last good list stayed in use)")
            .register(registry);
    Gauge.builder("goproxy_mirror_sync_watchlist_entries", entries, AtomicInteger::get)
        .description("Entries of the watch list in use")
        .register(registry);
  }

  /**
   * Loads the file and starts checking it every check interval.
   *
   * @return fails with a {@link ConfigException} naming the file (and the entry and key at fault)
   *     when the file is missing or invalid
   */
  public Completable start() {
    return read()
        .flatMapCompletable(
            read -> {
              if (read.list().isEmpty()) {
                return Completable.error(read.error().orElseThrow());
              }
              apply(read, false);
              timer = vertx.setPeriodic(checkInterval.toMillis(), id -> check().subscribe());
              return Completable.complete();
            });
  }

  /** Stops checking the file; the list in use stays. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /**
   * Checks the file now, as the timer does: a changed version is loaded or reported. Completes when
   * done, also when the file was bad (that is reported, not an error of this call); does nothing
   * while another check runs. Only after {@link #start()} has completed.
   */
  public Completable check() {
    return Completable.defer(() -> {
      if (!checking.compareAndSet(false, true)) {
        return Completable.complete();
      }
      // The flag is cleared before the caller learns the check ended (doOnTerminate, not
      // doFinally), so a check started right after this one completes is not skipped.
      return read()
          .doOnSuccess(read -> apply(read, true))
          .ignoreElement()
          .onErrorComplete(
              e -> {
                LOG.error("event=watchlist_check_failed path={} error=\"{}\"", file, e.toString());
                return true;
              })
          .doOnTerminate(() -> checking.set(false))
          .doOnDispose(() -> checking.set(false));
    });
  }

  /** The watch list in use: the last version of the file that loaded. */
  public WatchList current() {
    return current.get();
  }

  /** The file, the entries in use, when they were loaded and the last error since then. */
  public WatchListStatus status() {
    return status.get();
  }

  /**
   * Calls {@code listener} with the new list each time a changed list is swapped in (not for the
   * list loaded by {@link #start()}), on a Vert.x thread; it should not block.
   */
  public void onChange(Consumer<WatchList> listener) {
    listeners.add(listener);
  }

  private Single<WatchListRead> read() {
    String seen = lastSeen.get();
    return vertx
        .rxExecuteBlocking(() -> WatchListRead.of(file, seen))
        .toSingle()
        .timeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void apply(WatchListRead read, boolean notify) {
    if (read.unchanged()) {
      return;
    }
    lastSeen.set(read.fingerprint());
    if (read.error().isPresent()) {
      reportError(read.error().get());
      return;
    }
    WatchList list = read.list().orElseThrow();
    WatchList previous = current.getAndSet(list);
    entries.set(list.size());
    status.set(new WatchListStatus(file, list.size(), clock.instant(), Optional.empty(), Optional.empty()));
    LOG.info("event=watchlist_loaded path={} entries={}", file, list.size());
    if (notify && !list.equals(previous)) {
      listeners.forEach(l -> l.accept(list));
    }
  }

  private void reportError(ConfigException error) {
    reloadErrors.increment();
    WatchListStatus before = status.get();
    status.set(
        new WatchListStatus(
            file,
            before.entries(),
            before.lastLoaded(),
            Optional.of(error.getMessage()),
            Optional.of(clock.instant())));
    LOG.warn(
        "event=watchlist_reload_failed path={} kept_entries={} error=\"{}\"",
        file,
        before.entries(),
        error.getMessage());
  }
}
