package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.mirror.store.MetadataStore;
import io.goproxymirror.mirror.store.MetadataStoreContract;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.reactivex.rxjava3.core.Scheduler;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("RedisMetadataStore (standalone)")
class RedisMetadataStoreTest extends MetadataStoreContract {
  @RegisterExtension static final RedisFixture redis = new RedisFixture();

  @Override
  protected MetadataStore openStore(Path dataDir, Scheduler io) {
    return RedisMetadataStore.create(redis.vertx(), redis.options());
  }
}
