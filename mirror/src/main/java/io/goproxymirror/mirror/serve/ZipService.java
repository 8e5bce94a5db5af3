package io.goproxymirror.mirror.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.fetch.ZipFetcher;
import io.goproxymirror.mirror.flight.ArtifactLockKey;
import io.goproxymirror.mirror.flight.ReplicaFlight;
import io.goproxymirror.mirror.flight.SingleFlight;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.rx.RxFutures;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.BlobStore;
import io.goproxymirror.mirror.store.StagingArea;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/**
 * {@code .zip} of canonical versions: a stored zip is served from its file; a missing one is
 * pulled through {@link ZipFetcher} and streamed while it downloads.
 */
public final class ZipService {
  private final ZipFetcher fetcher;
  private final BlobStore blobs;
  private final ArtifactIndex index;
  private final AnswerCache answers;
  private final ListFile listFile;
  private final StagingArea staging;
  private final ReplicaFlight replicas;
  private final SingleFlight<Reply> flights = new SingleFlight<>();
  private final Scheduler io;
  private final Clock clock;
  /** Replies for stored zips (immutable): a warm hit is one in-memory lookup, then sendfile. */
  private final Cache<String, Reply> storedReplies;

  public ZipService(
      ZipFetcher fetcher, BlobStore blobs, ArtifactIndex index, AnswerCache answers, ListFile listFile,
      StagingArea staging, Scheduler io, Clock clock, long maxEntries, ReplicaFlight replicas) {
    this.replicas = replicas;
    this.fetcher = fetcher;
    this.blobs = blobs;
    this.index = index;
    this.answers = answers;
    this.listFile = listFile;
    this.staging = staging;
    this.io = io;
    this.clock = clock;
    this.storedReplies = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  public Single<Reply> get(ProxyRequest request) {
    Reply warm = storedReplies.getIfPresent(request.blobKey());
    if (warm != null) {
      return Single.just(warm);
    }
    return storedZip(request).switchIfEmpty(Single.defer(() -> negativeOrFetch(request)));
  }

  /**
   * The reply for a zip known to be stored (used after a streamed download completed, too): the
   * local file for sendfile, or a stream from a store without local files.
   */
  public Reply stored(ProxyRequest request, ArtifactRecord record) {
    String key = request.blobKey();
    Reply reply = blobs.localFile(key)
        .<Reply>map(file -> new Reply.StoredFile(file, record.size(), record.sha256(), CacheStatus.HIT))
        .orElseGet(() -> new Reply.StoredBlob(record.size(), record.sha256(), CacheStatus.HIT, () -> blobs.open(key)));
    storedReplies.put(key, reply);
    return reply;
  }

  /**
   * A stored zip without a record: committed before a crash kept its metadata from being written,
   * or the metadata store is unavailable. The blob is verified (from a local copy when the store
   * keeps none) and recorded.
   */
  private Maybe<ArtifactRecord> recover(ProxyRequest request) {
    String key = request.blobKey();
    return blobs.size(key)
        .observeOn(io)
        .flatMap(size -> blobs.localFile(key)
            .map(file -> Maybe.fromCallable(() -> ZipFetcher.verifiedRecord(
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
        return ZipFetcher.verifiedRecord(copy, request.module(), request.version(), size, clock.instant());
      } finally {
        Files.deleteIfExists(copy);
      }
    });
  }

  private Single<Reply> negativeOrFetch(ProxyRequest request) {
    return answers.unlessNotFound(request.module(), "neg:zip:" + request.version(),
        flights.run(request.blobKey(), () -> replicas.run(
                new ArtifactLockKey(request.module(), request.version(), ArtifactKind.ZIP),
                () -> storedZip(request),
                () -> fetcher.fetch(request.module(), request.version(), request.blobKey(),
                        record -> index.add(record).andThen(listFile.add(request)))
                    .map(download -> (Reply) new Reply.Streaming(download)),
                ZipService::committed),
            ZipService::committed));
  }

  /** The stored zip, if any (after a miss: another replica may have committed it meanwhile). */
  private Maybe<Reply> storedZip(ProxyRequest request) {
    return index.find(request.module(), request.version(), ArtifactKind.ZIP)
        .switchIfEmpty(recover(request))
        .map(record -> stored(request, record));
  }

  /** Completes when a reply's zip is committed: at once for a stored one, at the end of a download. */
  private static Completable committed(Reply reply) {
    return reply instanceof Reply.Streaming streaming
        ? RxFutures.completable(streaming.download().done()).onErrorComplete()
        : Completable.complete();
  }
}
