package io.goproxymirror.mirror.sumdb;

import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.serve.CacheStatus;
import io.goproxymirror.mirror.store.BlobStore;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves sumdb requests from cache or from the database (PROTOCOL §5.3). Full tiles are immutable:
 * kept in memory and in the blob store under {@code sumdb/<name>/<tile path>} (module paths need a
 * dot in their first element, so no module key starts with {@code sumdb/}), and served from there
 * forever. Lookups and partial tiles are kept in memory and served for their TTL. {@code latest}
 * is always asked. When the database fails (not a 404/410, which is passed on so the client can
 * fall back from a partial to the full tile), the last good answer is served as {@code STALE}.
 * Concurrent misses for the same path share one fetch.
 */
public final class SumdbService {
  private static final Logger LOG = LoggerFactory.getLogger(SumdbService.class);
  private final Map<String, SumdbDatabaseClient> databases;
  private final BlobStore blobs;
  private final SumdbMemory memory;
  private final Duration lookupTtl;
  private final Duration tileTtl;
  private final Map<String, Single<byte[]>> inFlight = new ConcurrentHashMap<>();

  /** {@code databases}: the client of each proxied database, by name. */
  public SumdbService(Map<String, SumdbDatabaseClient> databases, BlobStore blobs, long memoryBytes,
      Duration lookupTtl, Duration tileTtl, Clock clock) {
    this.databases = Map.copyOf(databases);
    this.blobs = blobs;
    this.memory = new SumdbMemory(memoryBytes, clock);
    this.lookupTtl = lookupTtl;
    this.tileTtl = tileTtl;
  }

  /** Whether {@code name} is a proxied database. */
  public boolean proxies(String name) {
    return databases.containsKey(name);
  }

  /** The answer for {@code request}, whose database is proxied and which is not {@code supported}. */
  public Single<SumdbReply> get(SumdbRequest request) {
    return switch (request.kind()) {
      case LATEST -> latest(request);
      case FULL_TILE -> fullTile(request);
      case LOOKUP -> expiring(request, lookupTtl);
      case PARTIAL_TILE -> expiring(request, tileTtl);
      case SUPPORTED -> Single.just(new SumdbReply(new byte[0], CacheStatus.HIT));
    };
  }

  private Single<SumdbReply> latest(SumdbRequest request) {
    return fetch(request)
        .doOnSuccess(body -> memory.putLatest(request.database(), body))
        .map(body -> new SumdbReply(body, CacheStatus.MISS))
        .onErrorResumeNext(err -> stale(err, memory.lastLatest(request.database()).orElse(null)));
  }

  private Single<SumdbReply> fullTile(SumdbRequest request) {
    String key = key(request);
    return Maybe.defer(() -> Maybe.fromOptional(memory.get(key)).map(SumdbMemory.Entry::body))
        .switchIfEmpty(Maybe.defer(() -> blobs.read(key, SumdbDatabaseClient.MAX_BODY))
            .doOnSuccess(body -> memory.put(key, body))
            .onErrorResumeNext(err -> {
              LOG.warn("event=sumdb_store_read_failed key=\"{}\" reason=\"{}\"", key, err.toString());
              return Maybe.empty();
            }))
        .map(body -> new SumdbReply(body, CacheStatus.HIT))
        .switchIfEmpty(Single.defer(() -> fetch(request)
            .flatMap(body -> {
              memory.put(key, body);
              return blobs.putBytes(key, body)
                  .doOnError(err -> LOG.warn("event=sumdb_store_write_failed key=\"{}\" reason=\"{}\"",
                      key, err.toString()))
                  .onErrorComplete()
                  .andThen(Single.just(new SumdbReply(body, CacheStatus.MISS)));
            })));
  }

  private Single<SumdbReply> expiring(SumdbRequest request, Duration ttl) {
    String key = key(request);
    return Single.defer(() -> {
      SumdbMemory.Entry cached = memory.get(key).orElse(null);
      if (cached != null && memory.fresh(cached, ttl)) {
        return Single.just(new SumdbReply(cached.body(), CacheStatus.HIT));
      }
      return fetch(request)
          .doOnSuccess(body -> memory.put(key, body))
          .map(body -> new SumdbReply(body, CacheStatus.MISS))
          .onErrorResumeNext(err -> stale(err, cached == null ? null : cached.body()));
    });
  }

  /** The last good answer when the database failed (not when it said 404/410), else the error. */
  private static Single<SumdbReply> stale(Throwable err, byte[] last) {
    boolean unreachable = err instanceof UpstreamFailedException || err instanceof UpstreamTimeoutException;
    if (last != null && unreachable) {
      return Single.just(new SumdbReply(last, CacheStatus.STALE));
    }
    return Single.error(err);
  }

  /** One shared fetch per database path at a time. */
  private Single<byte[]> fetch(SumdbRequest request) {
    SumdbDatabaseClient client = databases.get(request.database());
    String key = key(request);
    return Single.defer(() -> inFlight.computeIfAbsent(key, k -> client.get(request.path(), request.kind())
        .doFinally(() -> inFlight.remove(k))
        .cache()));
  }

  /** The blob key and memory key: {@code sumdb/<name>/<path>}. */
  static String key(SumdbRequest request) {
    return "sumdb/" + request.database() + "/" + request.path();
  }

  /** Closes the database clients. */
  public void close() {
    databases.values().forEach(SumdbDatabaseClient::close);
  }
}
