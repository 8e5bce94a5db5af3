package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.sync.port.SyncStateStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;

/** The sync worker's {@link SyncStateStore} on Redis: one string key per name. */
final class RedisSyncStateStore implements SyncStateStore {
  private final RedisCommands commands;
  private final RedisKeys keys;

  RedisSyncStateStore(RedisCommands commands, RedisKeys keys) {
    this.commands = commands;
    this.keys = keys;
  }

  @Override
  public Maybe<String> get(String name) {
    return Maybe.defer(() -> commands.send(Request.cmd(Command.GET).arg(keys.syncState(name))))
        .map(reply -> reply.toString(StandardCharsets.UTF_8));
  }

  @Override
  public Completable put(String name, String value) {
    return Completable.defer(() -> commands
        .send(Request.cmd(Command.SET).arg(keys.syncState(name)).arg(value))
        .ignoreElement());
  }
}
