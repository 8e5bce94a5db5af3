package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.fetch.git.DirectSource;
import io.reactivex.rxjava3.core.Single;
import java.util.function.Function;

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
    return answer(request, "latest", "latest", git -> git.latest(request.module()));
  }

  public Single<Reply> query(ProxyRequest request) {
    return answer(request, "query:" + request.version(), "info", git -> git.info(request.module(), request.version()));
  }

  private Single<Reply> answer(ProxyRequest request, String key, String endpoint,
      Function<DirectSource, Single<byte[]>> direct) {
    return answers.get(request.module(), key,
            () -> upstream.fetch(request.module(), request.blobKey(), endpoint, ArtifactService.MAX_INFO_BYTES,
                body -> {
                  SmallArtifactVerifier.info(body, request.module(), null);
                  return body;
                }, direct))
        .map(a -> new Reply.Bytes(a.answer().status(), a.answer().body(), null, a.cache()));
  }
}
