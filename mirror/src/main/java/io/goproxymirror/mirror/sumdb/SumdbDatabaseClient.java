package io.goproxymirror.mirror.sumdb;

import io.goproxymirror.config.upstream.UpstreamTimeouts;
import io.goproxymirror.mirror.errors.BadRequestException;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.fetch.BoundedBody;
import io.goproxymirror.mirror.fetch.ProxyUpstream;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.rx.RxFutures;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;

/**
 * One checksum database reached over HTTP with the {@code upstream-timeouts.*} deadlines and a
 * body size limit. A 200 yields the body; 404 and 410 become {@link NotFoundException}; 400 and 414
 * (the database refused the request as malformed or too long) {@link BadRequestException}; any other
 * status or a broken connection {@link UpstreamFailedException}; a deadline {@link
 * UpstreamTimeoutException}.
 */
public final class SumdbDatabaseClient {
  /** Largest body accepted from a database; data tiles, the largest answers, are far smaller. */
  static final long MAX_BODY = 4L * 1024 * 1024;
  private final String name;
  private final ProxyUpstream upstream;
  private final UpstreamTimeouts timeouts;
  private final MirrorMetrics metrics;

  public SumdbDatabaseClient(Vertx vertx, String name, String url, UpstreamTimeouts timeouts, int connections,
      MirrorMetrics metrics) {
    this.name = name;
    this.upstream = new ProxyUpstream(vertx, url, timeouts, connections);
    this.timeouts = timeouts;
    this.metrics = metrics;
  }

  /** GET {@code <url>/<path>}: the 200 body, cold. */
  public Single<byte[]> get(String path, SumdbKind kind) {
    return Single.defer(() -> {
      long start = System.nanoTime();
      return RxFutures.single(upstream.get(path).compose(response -> {
        int status = response.statusCode();
        if (status == 200) {
          return BoundedBody.read(response, MAX_BODY, "checksum database " + name).map(Buffer::getBytes);
        }
        response.request().reset();
        if (status == 404 || status == 410) {
          return Future.failedFuture(
              new NotFoundException("not found: checksum database " + name + " answered " + status));
        }
        if (status == 400 || status == 414) {
          // Refused as malformed or too long: the request's fault, not a failure of the database.
          return Future.failedFuture(new BadRequestException(
              "bad request: checksum database " + name + " refused the request with status " + status));
        }
        return Future.failedFuture(
            new UpstreamFailedException("checksum database " + name + " answered status " + status));
      }))
          .timeout(timeouts.total().toMillis(), TimeUnit.MILLISECONDS, Single.error(() ->
              new UpstreamTimeoutException("checksum database " + name + " did not answer within "
                  + timeouts.total().toSeconds() + "s")))
          .doOnSuccess(body -> metrics.upstreamFetch(upstream.name(), kind.tag(), "ok", System.nanoTime() - start))
          .doOnError(err -> metrics.upstreamFetch(upstream.name(), kind.tag(),
              err instanceof NotFoundException ? "not_found" : "error", System.nanoTime() - start));
    });
  }

  /** Closes the connection pool. */
  public void close() {
    upstream.close();
  }
}
