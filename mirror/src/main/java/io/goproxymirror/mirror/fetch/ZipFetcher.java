package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.StorageFullException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.fetch.git.DirectSource;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.modzip.InvalidModuleZipException;
import io.goproxymirror.mirror.modzip.ModuleZipLimits;
import io.goproxymirror.mirror.modzip.ModuleZipVerifier;
import io.goproxymirror.mirror.modzip.Sha256;
import io.goproxymirror.mirror.modzip.ZipSummary;
import io.goproxymirror.mirror.rx.RxFutures;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.BlobStore;
import io.goproxymirror.mirror.store.StagingArea;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls module zips through (the caller makes it one download per module version at a time),
 * streamed into a staging file, verified with the module-zip rules, committed to the blob store and
 * recorded. Behind an upstream followed by {@code |} the zip is only handed out once committed, so
 * that a broken or invalid one can fall through to the next upstream.
 * The download runs under its own total deadline and is never cancelled by a client.
 */
public final class ZipFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(ZipFetcher.class);

  private final Vertx vertx;
  private final ModuleSources sources;
  private final BlobStore blobs;
  private final StagingArea staging;
  private final Scheduler io;
  private final Duration total;
  private final Clock clock;
  private final MirrorMetrics metrics;

  public ZipFetcher(
      Vertx vertx, ModuleSources sources, BlobStore blobs, StagingArea staging, Scheduler io,
      Duration total, Clock clock, MirrorMetrics metrics) {
    this.vertx = vertx;
    this.sources = sources;
    this.blobs = blobs;
    this.staging = staging;
    this.io = io;
    this.total = total;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Starts the download of {@code key}'s zip. Completes once the upstream body has started (so the
   * caller can stream it; behind {@code |} once it is committed), or fails when no upstream could
   * deliver. {@code record} records the
   * committed artifact. Callers single-flight per key (see {@code ZipService}), so that concurrent
   * requests share one download.
   */
  public Single<ZipDownload> fetch(
      String module, String version, String key, Function<ArtifactRecord, Completable> record) {
    return sources.fetch(module, key, "zip",
        response -> fromProxy(module, version, key, record, response),
        git -> fromGit(git, module, version, key, record));
  }

  /**
   * Verifies a complete zip file and describes it as a stored artifact: the size, the SHA-256 of
   * its bytes and its {@code h1:} hash. Blocking (reads the whole file).
   */
  public static ArtifactRecord verifiedRecord(Path file, String module, String version, long size, Instant now)
      throws InvalidModuleZipException, IOException {
    ZipSummary summary = ModuleZipVerifier.verify(file, module, version);
    return new ArtifactRecord(module, version, ArtifactKind.ZIP, size, Sha256.hex(file), summary.h1(), now);
  }

  /**
   * Direct mode: the zip is built whole into a staging file first (from a local bare repository,
   * which is fast), then verified and committed like a downloaded one while clients stream it.
   */
  private Single<ZipDownload> fromGit(DirectSource git, String module, String version, String key,
      Function<ArtifactRecord, Completable> record) {
    return Single.fromCallable(staging::newFile)
        .subscribeOn(io)
        .flatMap(file -> git.zip(module, version, file)
            .doOnError(err -> deleteQuietly(file))
            .map(size -> {
              ZipDownload download = new ZipDownload(file, size);
              download.advance(size);
              metrics.fetchStarted();
              verifyAndCommit(module, version, key, file, size, record)
                  .doFinally(metrics::fetchEnded)
                  .subscribe(download::complete, err -> {
                    deleteQuietly(file);
                    LOG.warn("event=zip_build_failed module={} version={} reason=\"{}\"", module, version,
                        err.getMessage());
                    download.fail(err instanceof InvalidZipError ize ? ize.asBuildFailure() : typed(err));
                  });
              return download;
            }));
  }

  private Single<ZipDownload> fromProxy(String module, String version, String key,
      Function<ArtifactRecord, Completable> record, UpstreamResponse response) {
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
        .flatMap(file -> download(module, version, key, record, response, file));
  }

  /** Streams the paused body into {@code file}; on the event loop of the response. */
  private Single<ZipDownload> download(String module, String version, String key,
      Function<ArtifactRecord, Completable> record, UpstreamResponse response, Path file) {
    long declared = response.contentLength();
    ZipDownload download = new ZipDownload(file, declared);
    metrics.fetchStarted();
    // The total deadline covers the transfer; verification and commit are bounded separately below.
    boolean[] timedOut = {false};
    long timer = vertx.setTimer(total.toMillis(), id -> {
      timedOut[0] = true;
      response.discard();
    });
    RxFutures.single(StagingWriter.copy(vertx, response.http(), download, ModuleZipLimits.MAX_ZIP_FILE))
        .doOnEvent((size, err) -> vertx.cancelTimer(timer))
        .onErrorResumeNext(err -> Single.error(timedOut[0]
            ? new UpstreamTimeoutException("zip from " + response.upstream() + " took longer than "
                + total.toSeconds() + "s")
            : err))
        .flatMap(size -> verifyAndCommit(module, version, key, file, size, record))
        .timeout(total.toMillis() + 5_000, TimeUnit.MILLISECONDS)
        .doFinally(metrics::fetchEnded)
        .subscribe(
            stored -> {
              response.finish("ok");
              download.complete(stored);
            },
            err -> {
              response.finish(err instanceof InvalidZipError ? "invalid" : "error");
              deleteQuietly(file);
              LOG.warn("event=zip_fetch_failed module={} version={} upstream={} reason=\"{}\"",
                  module, version, response.upstream(), err.getMessage());
              download.fail(err instanceof InvalidZipError ize ? ize.asUpstreamFailure() : typed(err));
            });
    // Behind '|' a broken or invalid zip must let the list go on, so clients get the download only
    // once it is verified and committed; otherwise they stream it while it arrives.
    return response.fallsThrough()
        ? RxFutures.completable(download.done()).toSingleDefault(download)
        : Single.just(download);
  }

  private Single<ArtifactRecord> verifyAndCommit(
      String module, String version, String key, Path file, long size,
      Function<ArtifactRecord, Completable> record) {
    return Single.fromCallable(() -> {
          try {
            return verifiedRecord(file, module, version, size, clock.instant());
          } catch (InvalidModuleZipException e) {
            metrics.verificationFailed("zip");
            throw new InvalidZipError(e.getMessage());
          }
        })
        .subscribeOn(io)
        .flatMap(rec -> blobs.put(key, file).andThen(record.apply(rec)).toSingleDefault(rec))
        .doOnSuccess(rec -> metrics.artifactStored("zip", rec.size()));
  }

  /** A failure as clients see it: a full disk (building, verifying or storing) is a 507. */
  private static Throwable typed(Throwable err) {
    return !(err instanceof MirrorException) && StorageFullException.isCause(err)
        ? new StorageFullException("no space left to store the zip", err)
        : err;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("event=staging_cleanup_failed file={}", file.getFileName());
    }
  }

  /** A zip that failed verification; reported to clients as a 502 with the reason. */
  private static final class InvalidZipError extends RuntimeException {
    InvalidZipError(String reason) {
      super(reason, null, false, false);
    }

    UpstreamFailedException asUpstreamFailure() {
      return new UpstreamFailedException("invalid zip from upstream: " + getMessage());
    }

    UpstreamFailedException asBuildFailure() {
      return new UpstreamFailedException("zip built from Git failed verification: " + getMessage());
    }
  }
}
