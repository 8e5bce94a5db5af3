package io.goproxymirror.mirror.sync;

import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.serve.ArtifactIndex;
import io.goproxymirror.mirror.serve.ArtifactService;
import io.goproxymirror.mirror.serve.Reply;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.port.StoredVersions;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;

/**
 * The sync worker's {@link StoredVersions}: a version counts as stored when its zip is (the last
 * artifact a prefetch stores), and a stored go.mod is read through the artifact service (a hit,
 * never a fetch: it is only asked when the index has the record).
 */
public final class IndexStoredVersions implements StoredVersions {
  private final ArtifactIndex index;
  private final ArtifactService artifacts;

  public IndexStoredVersions(ArtifactIndex index, ArtifactService artifacts) {
    this.index = index;
    this.artifacts = artifacts;
  }

  @Override
  public Single<Boolean> isStored(ModuleVersion version) {
    return Single.defer(() -> index.find(version.path(), version.version(), ArtifactKind.ZIP)
        .map(record -> true)
        .defaultIfEmpty(false))
        .onErrorReturnItem(false);
  }

  @Override
  public Maybe<byte[]> goMod(ModuleVersion version) {
    return Maybe.defer(() -> index.find(version.path(), version.version(), ArtifactKind.MOD)
        .flatMapSingle(record -> artifacts.get(
            ProxyRequest.of(Endpoint.MOD, version.path(), version.version()), ArtifactKind.MOD))
        .filter(reply -> reply.status() == 200 && reply instanceof Reply.Bytes)
        .map(reply -> ((Reply.Bytes) reply).body()));
  }
}
