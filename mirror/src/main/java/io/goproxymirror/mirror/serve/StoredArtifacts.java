package io.goproxymirror.mirror.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.fetch.ProxyBodies;
import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.BlobStore;
import io.goproxymirror.mirror.store.StagingArea;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/**
 * Looks an artifact up in storage: its record in the {@link ArtifactIndex} and its blob. A blob
 * committed before a crash kept its record from being written (or while the metadata store was
 * unavailable) is verified and recorded now. Small bodies read are kept in memory (bounded).
 */
public final class StoredArtifacts {
  private final BlobStore blobs;
  private final ArtifactIndex index;
  private final StagingArea staging;
  private final Scheduler io;
  private final Clock clock;
  private final Cache<String, byte[]> bodies;

  /** {@code memoryBytes} bounds the small bodies kept in memory; {@code io} runs zip verification. */
  public StoredArtifacts(BlobStore blobs, ArtifactIndex index, StagingArea staging, Scheduler io, Clock clock,
      long memoryBytes) {
    this.blobs = blobs;
    this.index = index;
    this.staging = staging;
    this.io = io;
    this.clock = clock;
    this.bodies = Caffeine.newBuilder()
        .maximumWeight(memoryBytes)
        .weigher((String k, byte[] v) -> v.length + k.length() + 64)
        .build();
  }

  /** The stored artifact of a canonical {@code .info}, {@code .mod} or {@code .zip} request, if any. */
  public Maybe<Fetched.Found> find(ProxyRequest request) {
    return request.endpoint() == Endpoint.ZIP ? zip(request) : small(request);
  }

  /** The artifact kind of a canonical {@code .info}, {@code .mod} or {@code .zip} request. */
  public static ArtifactKind kindOf(ProxyRequest request) {
    return switch (request.endpoint()) {
      case MOD -> ArtifactKind.MOD;
      case ZIP -> ArtifactKind.ZIP;
      default -> ArtifactKind.INFO;
    };
  }

  /** A small artifact's body held in memory, or null. */
  byte[] body(String key) {
    return bodies.getIfPresent(key);
  }

  /** Keeps a small artifact's body in memory. */
  void remember(String key, byte[] body) {
    bodies.put(key, body);
  }

  private Maybe<Fetched.Found> small(ProxyRequest request) {
    String key = request.blobKey();
    long limit = ProxyBodies.limit(request);
    return index.find(request.module(), request.version(), kindOf(request))
        .flatMap(record -> blobs.read(key, limit).map(bytes -> {
          bodies.put(key, bytes);
          return new Fetched.Found(record, bytes);
        }))
        .switchIfEmpty(recoverSmall(request, limit));
  }

  /** A blob committed before a crash kept its metadata from being written: record it now. */
  private Maybe<Fetched.Found> recoverSmall(ProxyRequest request, long limit) {
    return blobs.read(request.blobKey(), limit).flatMapSingle(bytes -> {
      ArtifactRecord record = Verified.smallRecord(request, bytes, clock.instant());
      return index.addFound(record).toSingleDefault(new Fetched.Found(record, bytes));
    });
  }

  private Maybe<Fetched.Found> zip(ProxyRequest request) {
    return index.find(request.module(), request.version(), ArtifactKind.ZIP)
        .switchIfEmpty(recoverZip(request))
        .map(record -> new Fetched.Found(record, null));
  }

  /**
   * A stored zip without a record: committed before a crash kept its metadata from being written,
   * or the metadata store is unavailable. The blob is verified (from a local copy when the store
   * keeps none) and recorded.
   */
  private Maybe<ArtifactRecord> recoverZip(ProxyRequest request) {
    String key = request.blobKey();
    return blobs.size(key)
        .observeOn(io)
        .flatMap(size -> blobs.localFile(key)
            .map(file -> Maybe.fromCallable(() -> Verified.zipRecord(
                file, request.module(), request.version(), size, clock.instant())))
            .orElseGet(() -> verifiedCopy(request, size)))
        .flatMap(record -> index.addFound(record).andThen(Maybe.just(record)));
  }

  /** Verifies a stored zip of a remote store through a temporary local copy. */
  private Maybe<ArtifactRecord> verifiedCopy(ProxyRequest request, long size) {
    return blobs.open(request.blobKey()).observeOn(io).map(content -> {
      Path copy = staging.newFile();
      try (content) {
        Files.copy(content.stream(), copy, StandardCopyOption.REPLACE_EXISTING);
        return Verified.zipRecord(copy, request.module(), request.version(), size, clock.instant());
      } finally {
        Files.deleteIfExists(copy);
      }
    });
  }
}
