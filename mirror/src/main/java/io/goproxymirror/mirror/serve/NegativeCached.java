package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.reactivex.rxjava3.core.Single;

/**
 * The first step of a miss: a not-found remembered for the module's negative TTL answers at once
 * ({@link Fetched.Absent}, remembered); otherwise the next step runs, and a 404 or 410 from every
 * source is remembered and answered. See {@link AnswerCache#unlessNotFound}.
 */
public final class NegativeCached implements ArtifactSource {
  private final AnswerCache answers;
  private final ArtifactSource next;

  public NegativeCached(AnswerCache answers, ArtifactSource next) {
    this.answers = answers;
    this.next = next;
  }

  @Override
  public Single<Fetched> fetch(ProxyRequest request) {
    return answers.unlessNotFound(request.module(),
        "neg:" + ArtifactSource.endpointOf(request) + ":" + request.version(),
        next.fetch(request));
  }
}
