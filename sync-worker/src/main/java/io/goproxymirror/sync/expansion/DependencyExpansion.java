package io.goproxymirror.sync.expansion;

import io.goproxymirror.config.sync.SyncExpansionConfig;
import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.port.StoredVersions;
import io.goproxymirror.sync.queue.EnqueueResult;
import io.goproxymirror.sync.queue.PrefetchListener;
import io.goproxymirror.sync.queue.PrefetchOutcome;
import io.goproxymirror.sync.queue.PrefetchQueue;
import io.goproxymirror.sync.queue.PrefetchRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues the requirements of a stored version that are not stored yet, so that the rest of a
 * project's graph is cached while the go command is still resolving it. A version at depth {@code
 * d} (0 for one a client or a source asked for) has its requirements queued at depth {@code d+1}
 * while {@code d < sync.expansion.depth}; the queue's bound limits it further.
 *
 * <p>Register it on the queue with {@link PrefetchQueue#addListener(PrefetchListener)} so that
 * prefetched versions are expanded (those found stored already too, so that warming a project
 * covers its graph where its top was cached; their stored requirements end the walk at once); the mirror calls {@link #onStored(ModuleVersion, byte[], int)}
 * with depth 0 for versions a client miss stored (and only for those: the queue's own prefetches
 * are expanded through the listener, with their depth).
 *
 * <p>Meter {@code goproxy_mirror_sync_expansions} (exposed as {@code ..._total}) counts
 * requirements looked at, by {@code result}: accepted, duplicate, full, already_stored.
 */
public final class DependencyExpansion implements PrefetchListener {
  private static final Logger LOG = LoggerFactory.getLogger(DependencyExpansion.class);

  private final SyncExpansionConfig config;
  private final PrefetchQueue queue;
  private final StoredVersions stored;
  private final Map<EnqueueResult, Counter> enqueued = new EnumMap<>(EnqueueResult.class);
  private final Counter alreadyStored;

  public DependencyExpansion(
      SyncExpansionConfig config, PrefetchQueue queue, StoredVersions stored, MeterRegistry registry) {
    this.config = config;
    this.queue = queue;
    this.stored = stored;
    for (EnqueueResult result : EnqueueResult.values()) {
      enqueued.put(result, counter(registry, result.name().toLowerCase(Locale.ROOT)));
    }
    this.alreadyStored = counter(registry, "already_stored");
  }

  private static Counter counter(MeterRegistry registry, String result) {
    return Counter.builder("goproxy_mirror_sync_expansions")
        .description("Requirements looked at by dependency expansion, by result")
        .tag("result", result)
        .register(registry);
  }

  /** A client miss stored {@code version}: its requirements are queued as at depth 0. */
  public Completable onStored(ModuleVersion version, byte[] goMod, int depth) {
    return expand(version, goMod, depth, Set.of());
  }

  /** A prefetch ended: when it succeeded, the stored go.mod's requirements are queued. */
  @Override
  public Completable finished(PrefetchOutcome outcome) {
    if (!config.enabled() || !outcome.succeeded() || outcome.depth() >= config.depth()) {
      return Completable.complete();
    }
    return stored
        .goMod(outcome.version())
        .flatMapCompletable(
            goMod -> expand(outcome.version(), goMod, outcome.depth(), outcome.jobIds()));
  }

  private Completable expand(ModuleVersion version, byte[] goMod, int depth, Set<String> jobIds) {
    if (!config.enabled() || depth >= config.depth()) {
      return Completable.complete();
    }
    return Completable.defer(
        () -> {
          List<ModuleVersion> requirements;
          try {
            requirements = ProjectFile.goModRequirements(goMod);
          } catch (ProjectFileSyntaxException e) {
            LOG.warn("event=expansion_skipped version={} reason=\"{}\"", version, e.getMessage());
            return Completable.complete();
          }
          return Flowable.fromIterable(requirements)
              .concatMapMaybe(
                  required ->
                      stored
                          .isStored(required)
                          .flatMapMaybe(
                              isStored -> {
                                if (isStored) {
                                  alreadyStored.increment();
                                  return Maybe.empty();
                                }
                                return queue
                                    .enqueue(new PrefetchRequest(required, depth + 1, jobIds))
                                    .doOnSuccess(r -> enqueued.get(r).increment())
                                    .toMaybe();
                              }))
              .ignoreElements()
              .doOnComplete(
                  () ->
                      LOG.debug(
                          "event=expanded version={} depth={} requirements={}",
                          version, depth, requirements.size()));
        });
  }
}
