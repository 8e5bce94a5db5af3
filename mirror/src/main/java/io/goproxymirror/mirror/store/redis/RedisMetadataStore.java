package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.CachedAnswer;
import io.goproxymirror.mirror.store.MetadataCodec;
import io.goproxymirror.mirror.store.MetadataStore;
import io.goproxymirror.sync.SyncInbox;
import io.goproxymirror.sync.leadership.LeaderLock;
import io.goproxymirror.sync.port.SyncStateStore;
import io.goproxymirror.sync.queue.PrefetchQueueStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Metadata in Redis, shared by every replica of the mirror. Keys are laid out as {@link RedisKeys}
 * describes; values are {@link MetadataCodec} bytes, sent and read as binary. An artifact record
 * and its version's entry in the module's version set are written by one Lua script, so both or
 * neither are stored, and the record is only set when absent ({@code HSETNX}): the first writer
 * wins across replicas, and a retry of a write whose record already exists still repairs the
 * version set. Every command fails after the command timeout with a {@link
 * MetadataUnavailableException}, as does any failure of Redis
 * itself; bad names fail with {@link IllegalArgumentException} before anything is sent. Replies
 * arrive on a Vert.x event loop: callers must not block in them.
 */
public final class RedisMetadataStore implements MetadataStore {

  /** KEYS: artifacts hash, versions set. ARGV: field, record, version. */
  static final String PUT_ARTIFACT_SCRIPT = """
      redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
      redis.call('ZADD', KEYS[2], 0, ARGV[3])
      return 1
      """;

  private final RedisKeys keys;
  private final RedisCommands commands;

  private RedisMetadataStore(RedisKeys keys, RedisCommands commands) {
    this.keys = keys;
    this.commands = commands;
  }

  /**
   * A store using a new client of {@code vertx}. Connections are opened when needed, so this
   * neither blocks nor fails when Redis is down; {@link #ping()} checks it.
   */
  public static RedisMetadataStore create(Vertx vertx, RedisStoreOptions options) {
    return create(vertx, options, Schedulers.computation());
  }

  /** As {@link #create(Vertx, RedisStoreOptions)}, with the scheduler the timeouts run on. */
  public static RedisMetadataStore create(Vertx vertx, RedisStoreOptions options, Scheduler timer) {
    return create(RedisClientFactory.create(vertx, options), options, timer);
  }

  /** A store using {@code client}, which it closes; for tests that adjust the client's options. */
  static RedisMetadataStore create(Redis client, RedisStoreOptions options, Scheduler timer) {
    Objects.requireNonNull(options, "options");
    return new RedisMetadataStore(
        new RedisKeys(options.keyPrefix()), new RedisCommands(client, options.commandTimeout(), timer));
  }

  /** The key names this store uses. */
  public RedisKeys keys() {
    return keys;
  }

  /** The sync worker's leader lock with {@code ttl}, on this store's client. */
  public LeaderLock leaderLock(Duration ttl) {
    return new RedisLeaderLock(commands, keys, ttl);
  }

  /** The sync worker's unfinished prefetches, on this store's client. */
  public PrefetchQueueStore prefetchQueue() {
    return new RedisPrefetchQueueStore(commands, keys);
  }

  /** Client misses handed to the leading worker, at most {@code max} waiting, on this store's client. */
  public SyncInbox syncInbox(int max) {
    return new RedisSyncInbox(commands, keys, max);
  }

  /** The sync worker's persisted values, on this store's client. */
  public SyncStateStore syncState() {
    return new RedisSyncStateStore(commands, keys);
  }

  /** Completes when Redis answers {@code PING} (connecting and authenticating first if needed). */
  @Override
  public Completable ping() {
    return commands.send(Request.cmd(Command.PING)).ignoreElement();
  }

  @Override
  public Maybe<ArtifactRecord> artifact(String module, String version, ArtifactKind kind) {
    return Maybe.defer(() -> {
      Request get = Request.cmd(Command.HGET)
          .arg(keys.artifacts(module))
          .arg(keys.artifactField(version, Objects.requireNonNull(kind, "kind")));
      return commands.send(get)
          .map(reply -> MetadataCodec.decodeArtifact(module, version, kind, reply.toBytes()));
    });
  }

  @Override
  public Completable putArtifact(ArtifactRecord record) {
    return Completable.defer(() -> {
      Request eval = Request.cmd(Command.EVAL)
          .arg(PUT_ARTIFACT_SCRIPT)
          .arg(2)
          .arg(keys.artifacts(record.module()))
          .arg(keys.versions(record.module()))
          .arg(keys.artifactField(record.version(), record.kind()))
          .arg(MetadataCodec.encodeArtifact(record))
          .arg(record.version());
      return commands.send(eval).ignoreElement();
    });
  }

  @Override
  public Single<List<String>> versions(String module) {
    return Single.defer(() -> {
      Request range = Request.cmd(Command.ZRANGE).arg(keys.versions(module)).arg(0).arg(-1);
      return commands.send(range)
          .map(RedisMetadataStore::sortedStrings)
          .defaultIfEmpty(List.of());
    });
  }

  @Override
  public Maybe<CachedAnswer> answer(String module, String key) {
    return Maybe.defer(() -> {
      Request get = Request.cmd(Command.GET).arg(keys.answer(module, key));
      return commands.send(get).map(reply -> MetadataCodec.decodeAnswer(reply.toBytes()));
    });
  }

  @Override
  public Completable putAnswer(String module, String key, CachedAnswer answer) {
    return Completable.defer(() -> {
      Request set = Request.cmd(Command.SET)
          .arg(keys.answer(module, key))
          .arg(MetadataCodec.encodeAnswer(Objects.requireNonNull(answer, "answer")));
      return commands.send(set).ignoreElement();
    });
  }

  /** Closes the client; calls made afterwards fail with {@link IllegalStateException}. */
  @Override
  public Completable close() {
    return Completable.defer(() -> Completable.create(emitter -> commands.close().onComplete(
        (ignored, failure) -> {
          if (failure == null) {
            emitter.onComplete();
          } else {
            emitter.tryOnError(failure);
          }
        })));
  }

  /** The members of a multi-bulk reply as strings, in {@link String} order (Redis sorts bytes). */
  private static List<String> sortedStrings(Response reply) {
    List<String> members = new ArrayList<>(reply.size());
    for (Response member : reply) {
      members.add(member.toString());
    }
    members.sort(null);
    return members;
  }
}
