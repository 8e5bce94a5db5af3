package io.goproxymirror.mirror.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.fetch.ZipFetcher;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.BlobStore;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import java.nio.file.Path;
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
  private final Scheduler io;
  private final Clock clock;
  /** Replies for stored zips (immutable): a warm hit is one in-memory lookup, then sendfile. */
  private final Cache<String, Reply> storedReplies;

  public ZipService(
      ZipFetcher fetcher, BlobStore blobs, ArtifactIndex index, AnswerCache answers, ListFile listFile,
      Scheduler io, Clock clock, long maxEntries) {
    this.fetcher = fetcher;
    this.blobs = blobs;
    this.index = index;
    this.answers = answers;
    this.listFile = listFile;
    this.io = io;
    this.clock = clock;
    this.storedReplies = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  public Single<Reply> get(ProxyRequest request) {
    Reply warm = storedReplies.getIfPresent(request.blobKey());
    if (warm != null) {
      return Single.just(warm);
    }
    return index.find(request.module(), request.version(), ArtifactKind.ZIP)
        .switchIfEmpty(recover(request))
        .map(record -> stored(request, record))
        .switchIfEmpty(Single.defer(() -> negativeOrFetch(request)));
  }

  /** The reply for a zip known to be stored (used after a streamed download completed, too). */
  public Reply stored(ProxyRequest request, ArtifactRecord record) {
    Path file = localFile(request);
    Reply reply = new Reply.StoredFile(file, record.size(), record.sha256(), CacheStatus.HIT);
    storedReplies.put(request.blobKey(), reply);
    return reply;
  }

  private Path localFile(ProxyRequest request) {
    return blobs.localFile(request.blobKey())
        .orElseThrow(() -> new IllegalStateException("blob store has no local files"));
  }

  /** A zip committed before a crash kept its metadata from being written: verify and record it. */
  private Maybe<ArtifactRecord> recover(ProxyRequest request) {
    return blobs.size(request.blobKey())
        .observeOn(io)
        .map(size -> ZipFetcher.verifiedRecord(
            localFile(request), request.module(), request.version(), size, clock.instant()))
        .flatMap(record -> index.add(record).andThen(Maybe.just(record)));
  }

  private Single<Reply> negativeOrFetch(ProxyRequest request) {
    return answers.unlessNotFound(request.module(), "neg:zip:" + request.version(),
        fetcher.fetch(request.module(), request.version(), request.blobKey(),
                record -> index.add(record).andThen(listFile.add(request)))
            .map(download -> new Reply.Streaming(download)));
  }
}
