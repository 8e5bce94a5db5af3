package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.fetch.BoundedBody;
import io.goproxymirror.mirror.fetch.RxFutures;
import io.goproxymirror.mirror.fetch.UpstreamChain;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.store.CachedAnswer;
import io.reactivex.rxjava3.core.Single;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** Fetches a mutable answer (list, @latest, query .info) through the upstream list and checks it. */
public final class UpstreamAnswers {
  private final UpstreamChain chain;
  private final Clock clock;
  private final MirrorMetrics metrics;

  public UpstreamAnswers(UpstreamChain chain, Clock clock, MirrorMetrics metrics) {
    this.chain = chain;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * GETs {@code path}, reads at most {@code maxBytes}, and passes the body through {@code check},
   * which returns the bytes to keep or throws {@link IllegalArgumentException} with the reason.
   */
  Single<CachedAnswer> fetch(String path, String endpoint, long maxBytes, UnaryOperator<byte[]> check) {
    return chain.open(path, endpoint).flatMap(response ->
        RxFutures.single(BoundedBody.read(response.http(), maxBytes, endpoint))
            .map(buffer -> {
              byte[] kept;
              try {
                kept = check.apply(buffer.getBytes());
              } catch (IllegalArgumentException e) {
                metrics.verificationFailed(endpoint);
                response.finish("invalid");
                throw new UpstreamFailedException(
                    "invalid " + endpoint + " from upstream " + response.upstream() + ": " + e.getMessage());
              }
              response.finish("ok");
              return new CachedAnswer(200, kept, clock.instant());
            })
            .doOnError(err -> {
              if (!(err instanceof UpstreamFailedException)) {
                response.finish("error");
              }
            }));
  }
}
