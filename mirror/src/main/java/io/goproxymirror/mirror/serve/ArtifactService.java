package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.reactivex.rxjava3.core.Single;

/**
 * {@code .info} and {@code .mod} of canonical versions: served from storage when present (from
 * memory when recently used), otherwise fetched through the miss pipeline ({@code miss}: negative
 * cache, single-flight, replica lock, route, source, verify, store, record).
 */
public final class ArtifactService {
  private final StoredArtifacts stored;
  private final ArtifactIndex index;
  private final ArtifactSource miss;

  public ArtifactService(StoredArtifacts stored, ArtifactIndex index, ArtifactSource miss) {
    this.stored = stored;
    this.index = index;
    this.miss = miss;
  }

  /** The reply for a canonical {@code .info} or {@code .mod} request. */
  public Single<Reply> get(ProxyRequest request, ArtifactKind kind) {
    String key = request.blobKey();
    ArtifactRecord known = index.cached(request.module(), request.version(), kind);
    byte[] body = known == null ? null : stored.body(key);
    if (body != null) {
      return Single.just(new Reply.Bytes(200, body, known.sha256(), CacheStatus.HIT));
    }
    return stored.find(request)
        .map(found -> (Reply) new Reply.Bytes(200, found.body(), found.record().sha256(), CacheStatus.HIT))
        .switchIfEmpty(Single.defer(() -> miss.fetch(request).map(fetched -> reply(key, fetched))));
  }

  private Reply reply(String key, Fetched fetched) {
    if (fetched instanceof Fetched.Body body) {
      stored.remember(key, body.bytes());
      return new Reply.Bytes(200, body.bytes(), body.record().sha256(), CacheStatus.MISS);
    }
    if (fetched instanceof Fetched.Found found) {
      return new Reply.Bytes(200, found.body(), found.record().sha256(), CacheStatus.HIT);
    }
    return Reply.absent((Fetched.Absent) fetched);
  }
}
