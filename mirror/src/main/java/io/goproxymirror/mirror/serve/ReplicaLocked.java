package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.flight.ArtifactLockKey;
import io.goproxymirror.mirror.flight.ReplicaFlight;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.reactivex.rxjava3.core.Single;

/**
 * One replica fetches an artifact at a time ({@link ReplicaFlight}): under the artifact's lock,
 * storage is looked at again (another replica may have stored it meanwhile, {@link
 * Fetched.Found}), else the next step fetches it; the lock is held until it is committed.
 */
public final class ReplicaLocked implements ArtifactSource {
  private final ReplicaFlight replicas;
  private final StoredArtifacts stored;
  private final ArtifactSource next;

  public ReplicaLocked(ReplicaFlight replicas, StoredArtifacts stored, ArtifactSource next) {
    this.replicas = replicas;
    this.stored = stored;
    this.next = next;
  }

  @Override
  public Single<Fetched> fetch(ProxyRequest request) {
    return replicas.run(
        new ArtifactLockKey(request.module(), request.version(), StoredArtifacts.kindOf(request)),
        () -> stored.find(request).map(found -> (Fetched) found),
        () -> next.fetch(request),
        Fetched::committed);
  }
}
