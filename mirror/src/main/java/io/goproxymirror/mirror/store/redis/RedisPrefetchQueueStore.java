package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.queue.PendingPrefetch;
import io.goproxymirror.sync.queue.PrefetchQueueStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync worker's unfinished prefetches in one Redis hash ({@link RedisKeys#syncQueue()}), field
 * {@code path@version}, so a worker that takes over resumes them. An entry that cannot be read is
 * logged and skipped.
 */
final class RedisPrefetchQueueStore implements PrefetchQueueStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisPrefetchQueueStore.class);

  private final RedisCommands commands;
  private final String key;

  RedisPrefetchQueueStore(RedisCommands commands, RedisKeys keys) {
    this.commands = commands;
    this.key = keys.syncQueue();
  }

  @Override
  public Completable put(PendingPrefetch pending) {
    return Completable.defer(() -> commands.send(Request.cmd(Command.HSET).arg(key)
            .arg(pending.version().toString()).arg(pending.toJson().encode()))
        .ignoreElement());
  }

  @Override
  public Completable remove(ModuleVersion version) {
    return Completable.defer(() -> commands.send(Request.cmd(Command.HDEL).arg(key).arg(version.toString()))
        .ignoreElement());
  }

  @Override
  public Flowable<PendingPrefetch> loadAll() {
    return Flowable.defer(() -> commands.send(Request.cmd(Command.HVALS).arg(key))
        .map(RedisPrefetchQueueStore::entries)
        .defaultIfEmpty(List.of())
        .flattenAsFlowable(list -> list));
  }

  private static List<PendingPrefetch> entries(Response values) {
    List<PendingPrefetch> entries = new ArrayList<>(values.size());
    for (Response value : values) {
      try {
        entries.add(PendingPrefetch.fromJson(new JsonObject(value.toString(StandardCharsets.UTF_8))));
      } catch (RuntimeException e) {
        LOG.warn("event=prefetch_entry_unreadable reason=\"{}\"", e.getMessage());
      }
    }
    return entries;
  }
}
