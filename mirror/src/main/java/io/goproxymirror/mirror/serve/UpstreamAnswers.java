package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.fetch.BoundedBody;
import io.goproxymirror.mirror.fetch.RxFutures;
import io.goproxymirror.mirror.fetch.UpstreamChain;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.store.CachedAnswer;
import io.reactivex.rxjava3.core.Single;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Fetches a small body ({@code .info}, {@code .mod}, list, {@code @latest}) through the upstream
 * list with a size limit, and checks it before anyone may store or serve it.
 */
public final class UpstreamAnswers {
  private final UpstreamChain chain;
  private final Clock clock;
  private final MirrorMetrics metrics;
  private final Duration total;

  public UpstreamAnswers(UpstreamChain chain, Clock clock, MirrorMetrics metrics, Duration total) {
    this.chain = chain;
    this.clock = clock;
    this.metrics = metrics;
    this.total = total;
  }

  /**
   * GETs {@code path}, reads at most {@code maxBytes}, and passes the body through {@code check},
   * which returns the bytes to keep or throws {@link IllegalArgumentException} with the reason
   * (then the fetch fails with a 502 naming the upstream and the reason).
   */
  public Single<byte[]> fetchBytes(String path, String endpoint, long maxBytes, UnaryOperator<byte[]> check) {
    return chain.open(path, endpoint).flatMap(response ->
        RxFutures.single(BoundedBody.read(response.http(), maxBytes, endpoint))
            .timeout(total.toMillis(), TimeUnit.MILLISECONDS, Single.error(() -> {
              response.discard();
              return new UpstreamTimeoutException(
                  endpoint + " from upstream " + response.upstream() + " took longer than " + total.toSeconds() + "s");
            }))
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
              return kept;
            })
            .doOnError(err -> response.finish("error")));
  }

  /** {@link #fetchBytes} as a positive cached answer obtained now. */
  Single<CachedAnswer> fetch(String path, String endpoint, long maxBytes, UnaryOperator<byte[]> check) {
    return fetchBytes(path, endpoint, maxBytes, check).map(bytes -> new CachedAnswer(200, bytes, clock.instant()));
  }
}
