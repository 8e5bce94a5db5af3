package io.goproxymirror.sync.watch;

import io.goproxymirror.sync.port.SyncStateStore;
import io.reactivex.rxjava3.core.Completable;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module paths the worker has seen under a glob entry of the watch list (from the index feed,
 * client misses and prefetches), so that globs such as {@code git.corp.example.com/team/*} can be
 * polled: a Git server cannot be asked which modules it holds, but every module a client or the
 * feed brought up is listed at each poll. Kept in the {@link SyncStateStore} across restarts, at
 * most {@link #MAX} paths (later ones are not remembered and a warning is logged once).
 */
public final class KnownModules {
  /** The {@link SyncStateStore} name of the set. */
  public static final String STATE_KEY = "watched-modules";

  /** The most paths kept. */
  public static final int MAX = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(KnownModules.class);

  private final SyncStateStore store;
  private final Set<String> paths = new TreeSet<>();
  private boolean warnedFull;

  public KnownModules(SyncStateStore store) {
    this.store = store;
  }

  /** Reads the stored set; a missing or unreadable one starts empty. */
  public Completable load() {
    return store.get(STATE_KEY)
        .doOnSuccess(json -> {
          try {
            JsonArray array = new JsonArray(json);
            synchronized (this) {
              for (int i = 0; i < array.size() && paths.size() < MAX; i++) {
                paths.add(array.getString(i));
              }
            }
          } catch (RuntimeException e) {
            LOG.warn("event=known_modules_unreadable reason=\"{}\"", e.getMessage());
          }
        })
        .ignoreElement();
  }

  /** Remembers {@code module}; stores the set when it grew. */
  public Completable learn(String module) {
    return Completable.defer(() -> {
      String json;
      synchronized (this) {
        if (paths.contains(module)) {
          return Completable.complete();
        }
        if (paths.size() >= MAX) {
          if (!warnedFull) {
            warnedFull = true;
            LOG.warn("event=known_modules_full max={}", MAX);
          }
          return Completable.complete();
        }
        paths.add(module);
        json = new JsonArray(List.copyOf(paths)).encode();
      }
      return store.put(STATE_KEY, json).onErrorComplete(err -> {
        LOG.warn("event=known_modules_not_saved reason=\"{}\"", err.getMessage());
        return true;
      });
    });
  }

  /** The remembered paths, sorted. */
  public synchronized List<String> paths() {
    return List.copyOf(paths);
  }
}
