package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.BlobStore;
import io.reactivex.rxjava3.core.Single;

/**
 * Commits a verified artifact to the blob store under the request's key: a small artifact's bytes,
 * or a zip's staging file (moved into storage, after its download's last byte). Bodies that are
 * not artifacts (list, {@code @latest}, queries) pass through.
 */
public final class Stored implements ArtifactSource {
  private final ArtifactSource source;
  private final BlobStore blobs;

  public Stored(ArtifactSource source, BlobStore blobs) {
    this.source = source;
    this.blobs = blobs;
  }

  @Override
  public Single<Fetched> fetch(ProxyRequest request) {
    String key = request.blobKey();
    return source.fetch(request).flatMap(fetched -> {
      if (fetched instanceof Fetched.Body body && body.record() != null) {
        return blobs.putBytes(key, body.bytes()).toSingleDefault(fetched);
      }
      if (fetched instanceof Fetched.Zip zip) {
        return Single.just(zip.then(record -> blobs.put(key, zip.download().staging()).toSingleDefault(record)));
      }
      return Single.just(fetched);
    });
  }
}
