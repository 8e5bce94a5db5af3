package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.fetch.BoundedBody;
import io.goproxymirror.mirror.fetch.ModuleSources;
import io.goproxymirror.mirror.fetch.UpstreamResponse;
import io.goproxymirror.mirror.fetch.git.DirectSource;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.rx.RxFutures;
import io.goproxymirror.mirror.store.CachedAnswer;
import io.reactivex.rxjava3.core.Single;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Fetches a small body ({@code .info}, {@code .mod}, list, {@code @latest}) through the upstream
 * list (or builds it from Git in direct mode) with a size limit, and checks it before anyone may
 * store or serve it.
 */
public final class UpstreamAnswers {
  private final ModuleSources sources;
  private final Clock clock;
  private final MirrorMetrics metrics;
  private final Duration total;

  public UpstreamAnswers(ModuleSources sources, Clock clock, MirrorMetrics metrics, Duration total) {
    this.sources = sources;
    this.clock = clock;
    this.metrics = metrics;
    this.total = total;
  }

  /**
   * GETs {@code path} for {@code module}, reads at most {@code maxBytes}, and passes the body
   * through {@code check}, which returns the bytes to keep or throws {@link
   * IllegalArgumentException} with the reason (then the fetch fails with a 502 naming the source and
   * the reason). In direct mode the body comes from {@code direct}.
   */
  public Single<byte[]> fetchBytes(String module, String path, String endpoint, long maxBytes,
      UnaryOperator<byte[]> check, Function<DirectSource, Single<byte[]>> direct) {
    return sources.fetch(module, path, endpoint,
        response -> fromProxy(response, endpoint, maxBytes, check),
        git -> direct.apply(git).map(bytes -> checked(bytes, endpoint, DirectSource.NAME, check)));
  }

  private Single<byte[]> fromProxy(UpstreamResponse response, String endpoint, long maxBytes,
      UnaryOperator<byte[]> check) {
    return RxFutures.single(BoundedBody.read(response.http(), maxBytes, endpoint))
        .timeout(total.toMillis(), TimeUnit.MILLISECONDS, Single.error(() -> {
          response.discard();
          return new UpstreamTimeoutException(
              endpoint + " from upstream " + response.upstream() + " took longer than " + total.toSeconds() + "s");
        }))
        .map(buffer -> {
          byte[] kept;
          try {
            kept = checked(buffer.getBytes(), endpoint, response.upstream(), check);
          } catch (UpstreamFailedException e) {
            response.finish("invalid");
            throw e;
          }
          response.finish("ok");
          return kept;
        })
        .doOnError(err -> response.finish("error"));
  }

  private byte[] checked(byte[] body, String endpoint, String source, UnaryOperator<byte[]> check) {
    try {
      return check.apply(body);
    } catch (IllegalArgumentException e) {
      metrics.verificationFailed(endpoint);
      throw new UpstreamFailedException("invalid " + endpoint + " from upstream " + source + ": " + e.getMessage());
    }
  }

  /** {@link #fetchBytes} as a positive cached answer obtained now. */
  Single<CachedAnswer> fetch(String module, String path, String endpoint, long maxBytes, UnaryOperator<byte[]> check,
      Function<DirectSource, Single<byte[]>> direct) {
    return fetchBytes(module, path, endpoint, maxBytes, check, direct).map(bytes -> new CachedAnswer(200, bytes, clock.instant()));
  }
}
