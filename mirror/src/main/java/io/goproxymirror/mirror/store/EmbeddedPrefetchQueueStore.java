package io.goproxymirror.mirror.store;

import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.queue.PendingPrefetch;
import io.goproxymirror.sync.queue.PrefetchQueueStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The sync worker's unfinished prefetches in the {@code sync-queue} map of the embedded store's
 * file, one JSON value per version, each write committed.
 */
final class EmbeddedPrefetchQueueStore implements PrefetchQueueStore {
  private static final String MAP = "sync-queue";

  private final MetadataFile file;
  private final Scheduler reads;
  private final Scheduler writes;

  EmbeddedPrefetchQueueStore(MetadataFile file, Scheduler reads, Scheduler writes) {
    this.file = file;
    this.reads = reads;
    this.writes = writes;
  }

  @Override
  public Completable put(PendingPrefetch entry) {
    byte[] json = entry.toJson().encode().getBytes(StandardCharsets.UTF_8);
    return file.onIo(writes, gen -> {
      gen.map(MAP).put(entry.version().toString(), json);
      gen.store.commit();
      return EmbeddedMetadataStore.PRESENT;
    }).ignoreElement();
  }

  @Override
  public Completable remove(ModuleVersion version) {
    return file.onIo(writes, gen -> {
      gen.map(MAP).remove(version.toString());
      gen.store.commit();
      return EmbeddedMetadataStore.PRESENT;
    }).ignoreElement();
  }

  @Override
  public Flowable<PendingPrefetch> loadAll() {
    return file.onIo(reads, gen -> List.copyOf(gen.map(MAP).values()))
        .flattenAsFlowable(values -> values)
        .map(json -> PendingPrefetch.fromJson(
            new JsonObject(new String(json, StandardCharsets.UTF_8))));
  }
}
