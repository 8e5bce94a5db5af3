package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.flight.SingleFlight;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.reactivex.rxjava3.core.Single;

/**
 * Concurrent requests for one artifact in this process share one fetch; a zip's fetch stays
 * joinable until its download ended, so later requests stream the same download.
 */
public final class SingleFlighted implements ArtifactSource {
  private final ArtifactSource next;
  private final SingleFlight<Fetched> flights = new SingleFlight<>();

  public SingleFlighted(ArtifactSource next) {
    this.next = next;
  }

  @Override
  public Single<Fetched> fetch(ProxyRequest request) {
    return flights.run(request.blobKey(), () -> next.fetch(request), Fetched::committed);
  }
}
