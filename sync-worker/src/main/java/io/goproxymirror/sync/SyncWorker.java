package io.goproxymirror.sync;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.sync.WatchEntry;
import io.goproxymirror.config.sync.WatchList;
import io.goproxymirror.sync.expansion.DependencyExpansion;
import io.goproxymirror.sync.expansion.ProjectFile;
import io.goproxymirror.sync.expansion.ProjectFileSyntaxException;
import io.goproxymirror.sync.feed.IndexFeedClient;
import io.goproxymirror.sync.feed.IndexMatcher;
import io.goproxymirror.sync.feed.IndexTailer;
import io.goproxymirror.sync.feed.TailerPorts;
import io.goproxymirror.sync.leadership.LeaderElection;
import io.goproxymirror.sync.leadership.NotLeaderException;
import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.queue.PrefetchQueue;
import io.goproxymirror.sync.warm.WarmJobSnapshot;
import io.goproxymirror.sync.warm.WarmJobs;
import io.goproxymirror.sync.watch.KnownModules;
import io.goproxymirror.sync.watch.PollSources;
import io.goproxymirror.sync.watch.WatchListSource;
import io.goproxymirror.sync.watch.WatchPoller;
import io.micrometer.core.instrument.MeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync worker: the watch list is loaded in every worker, and the leader ({@link
 * LeaderElection}) runs the prefetch queue, the index tailer (when a watch list is configured and
 * {@code sync.index.enabled}), the watch-list polls, dependency expansion and warm jobs. A standby
 * only campaigns; when it takes over, the queue resumes from its store and the tailer from its
 * cursor.
 */
public final class SyncWorker {
  private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);
  private static final int INBOX_BATCH = 500;

  private final Vertx vertx;
  private final MirrorConfig config;
  private final SyncPorts ports;
  private final PrefetchQueue queue;
  private final DependencyExpansion expansion;
  private final WarmJobs warmJobs;
  private final KnownModules known;
  private final Optional<WatchListSource> watchList;
  private final Optional<IndexTailer> tailer;
  private final WatchPoller poller;
  private final LeaderElection election;
  private volatile long inboxTimer = -1;

  public SyncWorker(Vertx vertx, MirrorConfig config, SyncPorts ports, MeterRegistry registry, Clock clock,
      Duration leaderTtl) {
    this.vertx = vertx;
    this.config = config;
    this.ports = ports;
    this.queue = new PrefetchQueue(vertx, config.syncQueue(), ports.prefetcher(), ports.queueStore(), registry);
    this.expansion = new DependencyExpansion(config.syncExpansion(), queue, ports.stored(), registry);
    this.warmJobs = new WarmJobs(queue, WarmJobs.DEFAULT_MAX_JOBS);
    queue.addListener(expansion);
    queue.addListener(warmJobs);
    this.known = new KnownModules(ports.state());
    this.watchList = config.syncWatchList().file().map(file -> new WatchListSource(
        io.vertx.rxjava3.core.Vertx.newInstance(vertx), file, config.syncWatchList().checkInterval(), registry,
        clock));
    this.tailer = watchList.isPresent() && config.syncIndex().enabled()
        ? Optional.of(new IndexTailer(vertx, new TailerPorts(
            new IndexFeedClient(vertx, config.syncIndex().url(), config.upstreamTimeouts(),
                IndexFeedClient.DEFAULT_MAX_BODY_BYTES),
            ports.state(), new IndexMatcher(this::currentWatchList, ports.lister(), queue, known)),
            config.syncIndex(), registry))
        : Optional.empty();
    this.poller = new WatchPoller(vertx,
        new PollSources(this::currentWatchList, known, ports.lister(), ports.stored()), queue,
        config.syncIndex().pollInterval(), clock);
    watchList.ifPresent(source -> source.onChange(list -> poller.rescheduleAll()));
    this.election = new LeaderElection(ports.leaderLock(), leaderTtl, Schedulers.computation(), System::nanoTime,
        this::lead, this::standBy);
  }

  /** Loads the watch list (a bad one fails the start) and starts campaigning for leadership. */
  public Completable start() {
    return watchList.map(WatchListSource::start).orElse(Completable.complete())
        .andThen(known.load())
        .andThen(Completable.defer(election::start))
        .doOnComplete(() -> {
          LOG.info("event=sync_worker_started watchlist={} index={} expansion={}",
              watchList.isPresent() ? currentWatchList().size() + "_entries" : "none",
              tailer.isPresent() ? config.syncIndex().url() : "off",
              config.syncExpansion().enabled() ? "depth_" + config.syncExpansion().depth() : "off");
        });
  }

  /** Stops leading (releasing the lock) and every source. */
  public Completable stop() {
    return election.stop()
        .andThen(Completable.fromAction(() -> watchList.ifPresent(WatchListSource::stop)))
        .doOnComplete(() -> LOG.info("event=sync_worker_stopped"));
  }

  /** Whether this worker leads now. */
  public boolean leading() {
    return election.leading();
  }

  /**
   * Starts a warm job for a go.mod or go.sum; fails with {@link ProjectFileSyntaxException} for a
   * body that is neither or lists no version, and with {@link NotLeaderException} on a standby.
   */
  public Single<WarmJobSnapshot> warm(byte[] body) {
    return Single.defer(() -> {
      List<ModuleVersion> versions = ProjectFile.versions(body);
      if (versions.isEmpty()) {
        return Single.error(new ProjectFileSyntaxException("body", 1,
            "lists no module versions: post a go.mod with require lines, or a go.sum"));
      }
      return leading() ? warmJobs.start(versions) : Single.error(new NotLeaderException());
    });
  }

  /** A warm job's progress. */
  public Optional<WarmJobSnapshot> warmJob(String id) {
    return warmJobs.get(id);
  }

  /**
   * A client miss stored {@code version}: its requirements are queued (expansion at depth 0), and a
   * module under a glob entry is remembered for the polls. On a standby it goes to the inbox.
   */
  public Completable clientStored(ModuleVersion version) {
    return Completable.defer(() -> {
      if (!leading()) {
        return ports.inbox().map(inbox -> inbox.push(version)).orElse(Completable.complete());
      }
      return handleStored(version);
    });
  }

  /** The worker's state for {@code GET /admin/sync}. */
  public JsonObject status() {
    return SyncStatus.of(leading(), tailer, config.syncIndex(), watchList.map(WatchListSource::status),
        queue.status(), known.paths().size(), warmJobs.list().size());
  }

  private WatchList currentWatchList() {
    return watchList.map(WatchListSource::current).orElse(WatchList.empty());
  }

  private Completable handleStored(ModuleVersion version) {
    Completable learn = currentWatchList().entryFor(version.path()).filter(WatchEntry::isGlob).isPresent()
        ? known.learn(version.path())
        : Completable.complete();
    Completable expand = config.syncExpansion().enabled()
        ? ports.stored().goMod(version).flatMapCompletable(goMod -> expansion.onStored(version, goMod, 0))
        : Completable.complete();
    return learn.andThen(expand);
  }

  private void lead() {
    queue.start()
        .andThen(tailer.map(IndexTailer::start).orElse(Completable.complete()))
        .subscribe(() -> {
          poller.start();
          ports.inbox().ifPresent(inbox -> inboxTimer = vertx.setPeriodic(1000, id -> drain(inbox)));
          LOG.info("event=sync_worker_leading");
        }, err -> LOG.error("event=sync_worker_start_failed reason=\"{}\"", err.getMessage()));
  }

  private void standBy() {
    vertx.cancelTimer(inboxTimer);
    poller.stop();
    tailer.map(IndexTailer::stop).orElse(Completable.complete())
        .andThen(queue.stop())
        .subscribe(() -> LOG.info("event=sync_worker_standby"),
            err -> LOG.warn("event=sync_worker_stop_failed reason=\"{}\"", err.getMessage()));
  }

  private void drain(SyncInbox inbox) {
    inbox.drain(INBOX_BATCH)
        .flatMapCompletable(versions -> Flowable.fromIterable(versions).concatMapCompletable(this::handleStored))
        .subscribe(() -> {}, err -> LOG.warn("event=sync_inbox_failed reason=\"{}\"", err.getMessage()));
  }
}
