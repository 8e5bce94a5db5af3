package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.errors.StorageFullException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.modzip.ModuleZipLimits;
import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.rx.RxFutures;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.StagingArea;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the body of an upstream's 200 response. A small body is read whole, up to its endpoint's
 * size limit and within the fetch's total deadline. A zip is streamed into a staging file, which
 * clients may tail at once ({@link Fetched.Staged}); its transfer runs under its own total
 * deadline and is never cancelled by a client. Neither is checked here: that is the next step.
 */
public final class ProxyBodies {
  /** Largest {@code .info}, {@code @latest} or query answer accepted. */
  static final long MAX_INFO_BYTES = 256L * 1024;
  /** Largest {@code @v/list} accepted. */
  static final long MAX_LIST_BYTES = 4L * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(ProxyBodies.class);

  private final Vertx vertx;
  private final StagingArea staging;
  private final Duration total;
  private final MirrorMetrics metrics;

  public ProxyBodies(Vertx vertx, StagingArea staging, Duration total, MirrorMetrics metrics) {
    this.vertx = vertx;
    this.staging = staging;
    this.total = total;
    this.metrics = metrics;
  }

  /** The body of {@code response}, the 200 answer to {@code request}. */
  public Single<Fetched> read(ProxyRequest request, UpstreamResponse response) {
    return request.endpoint() == Endpoint.ZIP ? stage(request, response) : small(request, response);
  }

  /** The size limit of a small body. */
  public static long limit(ProxyRequest request) {
    return switch (request.endpoint()) {
      case LIST -> MAX_LIST_BYTES;
      case MOD -> ModuleZipLimits.MAX_GO_MOD;
      default -> MAX_INFO_BYTES;
    };
  }

  private Single<Fetched> small(ProxyRequest request, UpstreamResponse response) {
    String endpoint = ArtifactSource.endpointOf(request);
    return RxFutures.single(BoundedBody.read(response.http(), limit(request), endpoint))
        .timeout(total.toMillis(), TimeUnit.MILLISECONDS, Single.error(() -> {
          response.discard();
          return new UpstreamTimeoutException(
              endpoint + " from upstream " + response.upstream() + " took longer than " + total.toSeconds() + "s");
        }))
        .<Fetched>map(buffer -> new Fetched.Body(buffer.getBytes(), response, null))
        .doOnError(err -> response.finish("error"));
  }

  private Single<Fetched> stage(ProxyRequest request, UpstreamResponse response) {
    long declared = response.contentLength();
    if (declared > ModuleZipLimits.MAX_ZIP_FILE) {
      response.discard();
      response.finish("invalid");
      metrics.verificationFailed("zip");
      return Single.error(new UpstreamFailedException(
          "zip from " + response.upstream() + " declares " + declared + " bytes, over the 500 MiB limit"));
    }
    // The staging file is created off the event loop (file system calls can stall behind the
    // fsyncs of other downloads); the body waits paused, and its end future keeps any failure of
    // the connection meanwhile. The result comes back on this event loop.
    return RxFutures.single(vertx.executeBlocking(staging::newFile, false))
        .onErrorResumeNext(err -> {
          response.discard();
          response.finish("error");
          return Single.error(StorageFullException.isCause(err)
              ? new StorageFullException("no space left to store the zip", err)
              : new UpstreamFailedException("cannot create a staging file", err));
        })
        .map(file -> transfer(request, response, file));
  }

  /** Starts streaming the paused body into {@code file}; on the event loop of the response. */
  private Fetched transfer(ProxyRequest request, UpstreamResponse response, Path file) {
    ZipDownload download = new ZipDownload(file, response.contentLength());
    metrics.fetchStarted();
    // The total deadline covers the transfer; verification and commit are bounded by the end.
    boolean[] timedOut = {false};
    long timer = vertx.setTimer(total.toMillis(), id -> {
      timedOut[0] = true;
      response.discard();
    });
    Future<Long> copied = StagingWriter.copy(vertx, response.http(), download, ModuleZipLimits.MAX_ZIP_FILE)
        .onComplete(ar -> vertx.cancelTimer(timer));
    Completable transfer = RxFutures.completable(copied)
        .onErrorResumeNext(err -> Completable.error(timedOut[0]
            ? new UpstreamTimeoutException("zip from " + response.upstream() + " took longer than "
                + total.toSeconds() + "s")
            : err));
    return new Fetched.Staged(download, transfer, new ResponseEnd(request, response, file));
  }

  /** Ends a zip download from an upstream: its response is finished with the download's result. */
  private final class ResponseEnd implements ZipEnd {
    private final ProxyRequest request;
    private final UpstreamResponse response;
    private final Path file;

    ResponseEnd(ProxyRequest request, UpstreamResponse response, Path file) {
      this.request = request;
      this.response = response;
      this.file = file;
    }

    @Override
    public Single<ArtifactRecord> bound(Single<ArtifactRecord> commit) {
      return commit.timeout(total.toMillis() + 5_000, TimeUnit.MILLISECONDS).doFinally(metrics::fetchEnded);
    }

    @Override
    public void succeeded() {
      response.finish("ok");
    }

    @Override
    public Throwable failed(Throwable err) {
      response.finish(err instanceof InvalidZipException ? "invalid" : "error");
      ZipEnd.deleteQuietly(file);
      LOG.warn("event=zip_fetch_failed module={} version={} upstream={} reason=\"{}\"",
          request.module(), request.version(), response.upstream(), err.getMessage());
      return err instanceof InvalidZipException invalid ? invalid.asUpstreamFailure() : ZipEnd.typed(err);
    }
  }
}
