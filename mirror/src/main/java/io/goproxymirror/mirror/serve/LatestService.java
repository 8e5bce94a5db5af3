package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.CachedAnswer;
import io.reactivex.rxjava3.core.Single;
import java.time.Clock;

/**
 * {@code @latest} and {@code .info} queries (branches, hashes, non-canonical versions): mutable
 * answers from the module's sources (verified as {@code .info}), cached with a TTL and served stale
 * when needed.
 */
public final class LatestService {
  private final AnswerCache answers;
  private final ArtifactSource sources;
  private final Clock clock;

  public LatestService(AnswerCache answers, ArtifactSource sources, Clock clock) {
    this.answers = answers;
    this.sources = sources;
    this.clock = clock;
  }

  public Single<Reply> latest(ProxyRequest request) {
    return answer(request, "latest");
  }

  public Single<Reply> query(ProxyRequest request) {
    return answer(request, "query:" + request.version());
  }

  private Single<Reply> answer(ProxyRequest request, String key) {
    return answers.get(request.module(), key, () -> sources.fetch(request)
            .map(fetched -> new CachedAnswer(200, ((Fetched.Body) fetched).bytes(), clock.instant())))
        .map(a -> new Reply.Bytes(a.answer().status(), a.answer().body(), null, a.cache()));
  }
}
