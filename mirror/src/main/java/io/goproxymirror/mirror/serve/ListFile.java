package io.goproxymirror.mirror.serve;

import io.goproxymirror.gomod.Semver;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.BlobStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.subjects.CompletableSubject;
import java.util.Arrays;

/**
 * Keeps the {@code <module>/@v/list} blob next to the stored artifacts, naming every canonical,
 * non-pseudo version whose zip is stored, so the data directory works as a {@code file://} GOPROXY.
 * Updates of one module are serialised without blocking a thread (read, add, write back atomically).
 */
public final class ListFile {
  private static final long MAX_LIST_BYTES = 8L * 1024 * 1024;
  private final BlobStore blobs;
  private final Completable[] tails = new Completable[64];

  public ListFile(BlobStore blobs) {
    this.blobs = blobs;
    Arrays.fill(tails, Completable.complete());
  }

  /** Adds the request's version to its module's list blob (pseudo-versions are left out). */
  public Completable add(ProxyRequest request) {
    if (Semver.isPseudoVersion(request.version())) {
      return Completable.complete();
    }
    String key = request.escapedModule() + "/@v/list";
    int stripe = Math.floorMod(key.hashCode(), tails.length);
    return Completable.defer(() -> {
      CompletableSubject mine = CompletableSubject.create();
      Completable previous;
      synchronized (tails) {
        previous = tails[stripe];
        tails[stripe] = mine;
      }
      return previous.andThen(update(key, request.version())).doFinally(mine::onComplete);
    });
  }

  private Completable update(String key, String version) {
    return blobs.read(key, MAX_LIST_BYTES)
        .defaultIfEmpty(new byte[0])
        .flatMapCompletable(body -> {
          VersionList versions = new VersionList().addLines(body, line -> true);
          return versions.add(version) ? blobs.putBytes(key, versions.bytes()) : Completable.complete();
        });
  }
}
