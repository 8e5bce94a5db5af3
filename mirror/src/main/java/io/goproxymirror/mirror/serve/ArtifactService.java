package io.goproxymirror.mirror.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.flight.ArtifactLockKey;
import io.goproxymirror.mirror.flight.ReplicaFlight;
import io.goproxymirror.mirror.flight.SingleFlight;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.modzip.DirHash;
import io.goproxymirror.mirror.modzip.ModuleZipLimits;
import io.goproxymirror.mirror.modzip.Sha256;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.BlobStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.time.Clock;

/**
 * {@code .info} and {@code .mod} of canonical versions: served from storage when present (from
 * memory when recently used), otherwise fetched once through the upstream list, verified, stored
 * and recorded. Not-found answers are remembered for the negative TTL.
 */
public final class ArtifactService {
  /** Largest {@code .info} accepted. */
  public static final long MAX_INFO_BYTES = 256L * 1024;

  private final UpstreamAnswers upstream;
  private final BlobStore blobs;
  private final ArtifactIndex index;
  private final AnswerCache answers;
  private final Clock clock;
  private final MirrorMetrics metrics;
  private final Cache<String, byte[]> bodies;
  private final SingleFlight<Reply> flights = new SingleFlight<>();
  private final ReplicaFlight replicas;

  public ArtifactService(
      UpstreamAnswers upstream, BlobStore blobs, ArtifactIndex index, AnswerCache answers, Clock clock,
      MirrorMetrics metrics, long memoryBytes, ReplicaFlight replicas) {
    this.replicas = replicas;
    this.upstream = upstream;
    this.blobs = blobs;
    this.index = index;
    this.answers = answers;
    this.clock = clock;
    this.metrics = metrics;
    this.bodies = Caffeine.newBuilder()
        .maximumWeight(memoryBytes)
        .weigher((String k, byte[] v) -> v.length + k.length() + 64)
        .build();
  }

  /** The reply for a canonical {@code .info} or {@code .mod} request. */
  public Single<Reply> get(ProxyRequest request, ArtifactKind kind) {
    String key = request.blobKey();
    ArtifactRecord known = index.cached(request.module(), request.version(), kind);
    byte[] body = known == null ? null : bodies.getIfPresent(key);
    if (body != null) {
      return Single.just(new Reply.Bytes(200, body, known.sha256(), CacheStatus.HIT));
    }
    return stored(request, kind)
        .switchIfEmpty(Single.defer(() -> negativeOrFetch(request, kind)));
  }

  private Maybe<Reply> stored(ProxyRequest request, ArtifactKind kind) {
    String key = request.blobKey();
    long limit = limit(kind);
    return index.find(request.module(), request.version(), kind)
        .flatMap(record -> blobs.read(key, limit).map(bytes -> {
          bodies.put(key, bytes);
          return (Reply) new Reply.Bytes(200, bytes, record.sha256(), CacheStatus.HIT);
        }))
        .switchIfEmpty(recover(request, kind, limit));
  }

  /** A blob committed before a crash kept its metadata from being written: record it now. */
  private Maybe<Reply> recover(ProxyRequest request, ArtifactKind kind, long limit) {
    String key = request.blobKey();
    return blobs.read(key, limit).flatMapSingle(bytes -> {
      ArtifactRecord record = record(request, kind, bytes);
      return index.addFound(record)
          .toSingleDefault((Reply) new Reply.Bytes(200, bytes, record.sha256(), CacheStatus.HIT));
    });
  }

  private Single<Reply> negativeOrFetch(ProxyRequest request, ArtifactKind kind) {
    return answers.unlessNotFound(request.module(), "neg:" + kind.extension() + ":" + request.version(),
        flights.run(request.blobKey(), () -> replicas.run(
            new ArtifactLockKey(request.module(), request.version(), kind),
            () -> stored(request, kind), () -> fetch(request, kind), reply -> Completable.complete())));
  }

  private Single<Reply> fetch(ProxyRequest request, ArtifactKind kind) {
    String key = request.blobKey();
    return upstream.fetchBytes(request.module(), key, kind.extension(), limit(kind), bytes -> {
          if (kind == ArtifactKind.INFO) {
            SmallArtifactVerifier.info(bytes, request.module(), request.version());
          } else {
            SmallArtifactVerifier.mod(bytes);
          }
          return bytes;
        }, git -> kind == ArtifactKind.INFO
            ? git.info(request.module(), request.version())
            : git.mod(request.module(), request.version()))
        .flatMap(bytes -> {
          ArtifactRecord record = record(request, kind, bytes);
          return blobs.putBytes(key, bytes)
              .andThen(index.add(record))
              .doOnComplete(() -> {
                bodies.put(key, bytes);
                metrics.artifactStored(kind.extension(), bytes.length);
              })
              .toSingleDefault((Reply) new Reply.Bytes(200, bytes, record.sha256(), CacheStatus.MISS));
        });
  }

  private static long limit(ArtifactKind kind) {
    return kind == ArtifactKind.MOD ? ModuleZipLimits.MAX_GO_MOD : MAX_INFO_BYTES;
  }

  private ArtifactRecord record(ProxyRequest request, ArtifactKind kind, byte[] bytes) {
    String h1 = kind == ArtifactKind.MOD ? DirHash.goModHash(bytes) : null;
    return new ArtifactRecord(request.module(), request.version(), kind, bytes.length, Sha256.hex(bytes), h1,
        clock.instant());
  }
}
