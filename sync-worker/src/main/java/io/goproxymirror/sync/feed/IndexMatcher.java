package io.goproxymirror.sync.feed;

import io.goproxymirror.config.sync.VersionPolicy;
import io.goproxymirror.config.sync.WatchEntry;
import io.goproxymirror.config.sync.WatchList;
import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.port.VersionLister;
import io.goproxymirror.sync.queue.EnqueueResult;
import io.goproxymirror.sync.queue.PrefetchQueue;
import io.goproxymirror.sync.watch.KnownModules;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands index feed entries to the prefetch queue when the watch list wants them: the first entry
 * whose path matches decides, through its version policy. A {@code latest N} policy needs the
 * module's other versions, so those modules are listed first; the others cost nothing. Modules
 * matched by a glob are remembered in {@link KnownModules} so that the watch-list polls cover them.
 */
public final class IndexMatcher implements IndexListener {
  private static final Logger LOG = LoggerFactory.getLogger(IndexMatcher.class);

  private final Supplier<WatchList> watchList;
  private final VersionLister lister;
  private final PrefetchQueue queue;
  private final KnownModules known;

  public IndexMatcher(Supplier<WatchList> watchList, VersionLister lister, PrefetchQueue queue, KnownModules known) {
    this.watchList = watchList;
    this.lister = lister;
    this.queue = queue;
    this.known = known;
  }

  @Override
  public Completable accept(List<IndexEntry> entries) {
    WatchList list = watchList.get();
    return Flowable.fromIterable(entries)
        .concatMapCompletable(entry -> list.entryFor(entry.module().path())
            .map(watched -> consider(watched, entry.module()))
            .orElse(Completable.complete()));
  }

  private Completable consider(WatchEntry watched, ModuleVersion version) {
    Completable learn = watched.isGlob() ? known.learn(version.path()) : Completable.complete();
    return learn.andThen(knownVersions(watched, version.path()))
        .flatMapCompletable(others -> {
          if (!watched.versions().admits(version.version(), others)) {
            return Completable.complete();
          }
          return queue.enqueue(version).doOnSuccess(result -> {
            if (result == EnqueueResult.FULL) {
              LOG.warn("event=prefetch_dropped source=index version={} reason=queue_full", version);
            }
          }).ignoreElement();
        });
  }

  /** The module's versions when the policy needs them ({@code latest N}), else none. */
  private Single<Collection<String>> knownVersions(WatchEntry watched, String module) {
    if (watched.versions().kind() != VersionPolicy.Kind.LATEST) {
      return Single.just(List.of());
    }
    return lister.versions(module)
        .<Collection<String>>map(versions -> versions)
        .onErrorReturn(err -> {
          LOG.warn("event=watch_list_failed module={} reason=\"{}\"", module, err.getMessage());
          return List.of();
        });
  }
}
