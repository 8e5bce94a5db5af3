package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.sync.SyncInbox;
import io.goproxymirror.sync.port.ModuleVersion;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Client misses handed to the leading worker through a Redis list ({@link RedisKeys#syncInbox()}):
 * pushed at the head and trimmed to {@code max} in one script (the oldest fall off when the leader
 * is away for long), taken from the tail.
 */
final class RedisSyncInbox implements SyncInbox {
  private static final String PUSH = """
      redis.call('LPUSH', KEYS[1], ARGV[1])
      redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
      return 1
      """;

  private final RedisCommands commands;
  private final String key;
  private final int max;

  RedisSyncInbox(RedisCommands commands, RedisKeys keys, int max) {
    this.commands = commands;
    this.key = keys.syncInbox();
    this.max = max;
  }

  @Override
  public Completable push(ModuleVersion version) {
    return Completable.defer(() -> commands.send(Request.cmd(Command.EVAL).arg(PUSH).arg(1).arg(key)
            .arg(version.path() + " " + version.version()).arg(max))
        .ignoreElement());
  }

  @Override
  public Single<List<ModuleVersion>> drain(int count) {
    return Single.defer(() -> commands.send(Request.cmd(Command.RPOP).arg(key).arg(count))
        .map(RedisSyncInbox::versions)
        .defaultIfEmpty(List.of()));
  }

  private static List<ModuleVersion> versions(Response reply) {
    List<ModuleVersion> versions = new ArrayList<>(reply.size());
    for (Response item : reply) {
      String[] parts = item.toString(StandardCharsets.UTF_8).split(" ", 2);
      if (parts.length == 2 && !parts[0].isBlank() && !parts[1].isBlank()) {
        versions.add(new ModuleVersion(parts[0], parts[1]));
      }
    }
    return versions;
  }
}
