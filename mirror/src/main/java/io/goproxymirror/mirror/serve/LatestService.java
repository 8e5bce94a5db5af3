package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.reactivex.rxjava3.core.Single;

/**
 * {@code @latest} and {@code .info} queries (branches, hashes, non-canonical versions): mutable
 * answers from the upstream list, cached with a TTL and served stale when needed.
 */
public final class LatestService {
  private final AnswerCache answers;
  private final UpstreamAnswers upstream;

  public LatestService(AnswerCache answers, UpstreamAnswers upstream) {
    this.answers = answers;
    this.upstream = upstream;
  }

  public Single<Reply> latest(ProxyRequest request) {
    return answer(request, "latest", "latest");
  }

  public Single<Reply> query(ProxyRequest request) {
    return answer(request, "query:" + request.version(), "info");
  }

  private Single<Reply> answer(ProxyRequest request, String key, String endpoint) {
    return answers.get(request.module(), key,
            () -> upstream.fetch(request.blobKey(), endpoint, ArtifactService.MAX_INFO_BYTES, body -> {
              SmallArtifactVerifier.info(body, request.module(), null);
              return body;
            }))
        .map(a -> new Reply.Bytes(a.answer().status(), a.answer().body(), null, a.cache()));
  }
}
