package io.goproxymirror.mirror.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.BlobStore;
import io.reactivex.rxjava3.core.Single;

/**
 * {@code .zip} of canonical versions: a stored zip is served from its file; a missing one is
 * pulled through the miss pipeline ({@code miss}) and streamed while it downloads.
 */
public final class ZipService {
  private final StoredArtifacts stored;
  private final BlobStore blobs;
  private final ArtifactSource miss;
  /** Replies for stored zips (immutable): a warm hit is one in-memory lookup, then sendfile. */
  private final Cache<String, Reply> storedReplies;

  /** {@code maxEntries} bounds the replies of stored zips kept in memory. */
  public ZipService(StoredArtifacts stored, BlobStore blobs, ArtifactSource miss, long maxEntries) {
    this.stored = stored;
    this.blobs = blobs;
    this.miss = miss;
    this.storedReplies = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  public Single<Reply> get(ProxyRequest request) {
    Reply warm = storedReplies.getIfPresent(request.blobKey());
    if (warm != null) {
      return Single.just(warm);
    }
    return stored.find(request)
        .map(found -> stored(request, found.record()))
        .switchIfEmpty(Single.defer(() -> miss.fetch(request).map(fetched -> reply(request, fetched))));
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

  private Reply reply(ProxyRequest request, Fetched fetched) {
    if (fetched instanceof Fetched.Zip zip) {
      return new Reply.Streaming(zip.download());
    }
    if (fetched instanceof Fetched.Found found) {
      return stored(request, found.record());
    }
    return Reply.absent((Fetched.Absent) fetched);
  }
}
