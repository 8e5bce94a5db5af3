package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.rx.RxFutures;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.http.HttpClientResponse;

/**
 * One upstream proxy with its circuit breaker and retry policy. {@link #get} retries an idempotent
 * GET after a connect error or a 502/503/504 (and after a 429 whose {@code Retry-After} fits)
 * within the fetch's deadline, and reports every attempt to the upstream's {@link UpstreamHealth}.
 */
public final class GuardedUpstream {
  private final ProxyUpstream upstream;
  private final UpstreamHealth health;
  private final RetryPolicy retries;
  private final MirrorMetrics metrics;

  public GuardedUpstream(ProxyUpstream upstream, UpstreamHealth health, RetryPolicy retries, MirrorMetrics metrics) {
    this.upstream = upstream;
    this.health = health;
    this.retries = retries;
    this.metrics = metrics;
  }

  public ProxyUpstream upstream() {
    return upstream;
  }

  public UpstreamHealth health() {
    return health;
  }

  /**
   * GETs {@code path}: emits the response (any status, paused) or the {@link MirrorException} of
   * the last attempt as a value; fails only with an exception of the mirror's own (the request
   * could not be built), which is neither retried nor counted against the circuit. Retries never start past {@code deadlineNanos},
   * and the response headers of every attempt must arrive before it.
   */
  public Single<Object> get(String path, long deadlineNanos) {
    return attempt(path, deadlineNanos, 0);
  }

  private Single<Object> attempt(String path, long deadlineNanos, int retry) {
    return RxFutures.single(upstream.get(path, deadlineNanos))
        .<Object>map(response -> response)
        // Only failures of the upstream become outcomes (counted, maybe retried); an exception of
        // the mirror's own stays an error and never touches the circuit.
        .onErrorResumeNext(err -> err instanceof MirrorException
            ? Single.just(err)
            : Single.error(err))
        .flatMap(outcome -> {
          String kind = failureKind(outcome);
          long delay = retryDelay(outcome, retry);
          if (delay >= 0 && retries.allows(retry, delay, deadlineNanos)) {
            if (!"rate_limited".equals(kind)) {
              health.failed(kind, describe(outcome));
            }
            if (outcome instanceof HttpClientResponse response) {
              response.request().reset();
            }
            metrics.upstreamRetry(upstream.name());
            return RxFutures.completable(upstream.sleep(delay))
                .andThen(Single.defer(() -> attempt(path, deadlineNanos, retry + 1)));
          }
          if (kind == null) {
            health.succeeded();
          } else {
            health.failed(kind, describe(outcome));
          }
          return Single.just(outcome);
        });
  }

  /** Milliseconds to wait before retrying {@code outcome}, or -1 when it is not retried. */
  private long retryDelay(Object outcome, int retry) {
    if (outcome instanceof HttpClientResponse response) {
      int status = response.statusCode();
      if (status == 502 || status == 503 || status == 504) {
        return retries.backoffMillis(retry);
      }
      if (status == 429) {
        long after = RetryAfter.millis(response.getHeader("Retry-After"));
        return after >= 0 ? after : retries.backoffMillis(retry);
      }
      return -1;
    }
    return ProxyUpstream.failedToConnect((Throwable) outcome) ? retries.backoffMillis(retry) : -1;
  }

  /** The failure kind of an attempt for health and metrics, or null when the upstream is healthy. */
  static String failureKind(Object outcome) {
    if (outcome instanceof HttpClientResponse response) {
      int status = response.statusCode();
      return status == 429 ? "rate_limited" : status >= 500 ? "status_5xx" : null;
    }
    if (outcome instanceof UpstreamTimeoutException) {
      return "timeout";
    }
    return ProxyUpstream.failedToConnect((Throwable) outcome) ? "connect" : "error";
  }

  private static String describe(Object outcome) {
    if (outcome instanceof HttpClientResponse response) {
      return "answered " + response.statusCode();
    }
    return ((Throwable) outcome).getMessage();
  }

  static MirrorException asMirror(Throwable err) {
    if (err instanceof MirrorException m) {
      return m;
    }
    return new UpstreamFailedException("upstream request failed", err);
  }
}
