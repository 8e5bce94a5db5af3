package io.goproxymirror.mirror.store;

import io.goproxymirror.sync.port.SyncStateStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import java.nio.charset.StandardCharsets;

/** The sync worker's persisted values in the {@code sync} map of the embedded store's file, each write committed. */
final class EmbeddedSyncStateStore implements SyncStateStore {
  private static final String MAP = "sync";

  private final MetadataFile file;
  private final Scheduler reads;
  private final Scheduler writes;

  EmbeddedSyncStateStore(MetadataFile file, Scheduler reads, Scheduler writes) {
    this.file = file;
    this.reads = reads;
    this.writes = writes;
  }

  @Override
  public Maybe<String> get(String name) {
    return file.onIo(reads, gen -> {
      byte[] value = gen.map(MAP).get(name);
      return value == null ? null : new String(value, StandardCharsets.UTF_8);
    });
  }

  @Override
  public Completable put(String name, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return file.onIo(writes, gen -> {
      gen.map(MAP).put(name, bytes);
      gen.store.commit();
      return EmbeddedMetadataStore.PRESENT;
    }).ignoreElement();
  }
}
