package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.mirror.store.PrefetchQueueStoreContract;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.goproxymirror.sync.queue.PrefetchQueueStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("the sync worker's queue in Redis")
class RedisPrefetchQueueStoreTest extends PrefetchQueueStoreContract {
  @RegisterExtension static final RedisFixture redis = new RedisFixture();
  private final String prefix = RedisFixture.randomPrefix();

  @Override
  protected PrefetchQueueStore store() {
    return reopen();
  }

  @Override
  protected PrefetchQueueStore reopen() {
    return redis.store(prefix).prefetchQueue();
  }
}
