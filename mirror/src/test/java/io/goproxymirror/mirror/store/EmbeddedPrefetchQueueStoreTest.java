package io.goproxymirror.mirror.store;

import io.goproxymirror.sync.queue.PrefetchQueueStore;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the sync worker's queue in the embedded store")
class EmbeddedPrefetchQueueStoreTest extends PrefetchQueueStoreContract {
  @TempDir Path dir;
  private EmbeddedMetadataStore open;

  @Override
  protected PrefetchQueueStore store() {
    return reopen();
  }

  @Override
  protected PrefetchQueueStore reopen() {
    if (open != null) {
      open.close().blockingAwait();
    }
    open = EmbeddedMetadataStore.open(dir, Schedulers.io());
    return open.prefetchQueue();
  }

  @AfterEach
  void close() {
    if (open != null) {
      open.close().blockingAwait();
    }
  }
}
