package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.fetch.InvalidZipException;
import io.goproxymirror.mirror.fetch.ZipDownload;
import io.goproxymirror.mirror.fetch.ZipEnd;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.StagingArea;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct mode as an {@link ArtifactSource}: each endpoint is built by {@link DirectSource}. A zip
 * is built whole into a staging file first (from a local bare repository, which is fast); clients
 * stream it while it is verified and committed like a downloaded one.
 */
public final class GitSource implements ArtifactSource {
  private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);
  /** Bodies built from Git: no response to finish (the Git source records its own metrics). */
  private static final Fetched.Origin ORIGIN = new Fetched.Origin() {
    @Override
    public String name() {
      return DirectSource.NAME;
    }

    @Override
    public void finish(String result) {
      // DirectSource measured the build already.
    }
  };

  private final DirectSource git;
  private final StagingArea staging;
  private final Scheduler io;
  private final MirrorMetrics metrics;

  /** {@code io} runs the file system calls (creating the staging file). */
  public GitSource(DirectSource git, StagingArea staging, Scheduler io, MirrorMetrics metrics) {
    this.git = git;
    this.staging = staging;
    this.io = io;
    this.metrics = metrics;
  }

  @Override
  public Single<Fetched> fetch(ProxyRequest request) {
    String module = request.module();
    Single<byte[]> body = switch (request.endpoint()) {
      case LIST -> git.list(module);
      case INFO -> git.info(module, request.version());
      case LATEST -> git.latest(module);
      case MOD -> git.mod(module, request.version());
      case ZIP -> null;
    };
    return body == null ? zip(request) : body.map(bytes -> new Fetched.Body(bytes, ORIGIN, null));
  }

  private Single<Fetched> zip(ProxyRequest request) {
    return Single.fromCallable(staging::newFile)
        .subscribeOn(io)
        .flatMap(file -> git.zip(request.module(), request.version(), file)
            .doOnError(err -> ZipEnd.deleteQuietly(file))
            .map(size -> {
              ZipDownload download = new ZipDownload(file, size);
              download.advance(size);
              metrics.fetchStarted();
              return new Fetched.Staged(download, Completable.complete(), new BuildEnd(request, file));
            }));
  }

  /** Ends a zip built from Git. */
  private final class BuildEnd implements ZipEnd {
    private final ProxyRequest request;
    private final Path file;

    BuildEnd(ProxyRequest request, Path file) {
      this.request = request;
      this.file = file;
    }

    @Override
    public Single<ArtifactRecord> bound(Single<ArtifactRecord> commit) {
      return commit.doFinally(metrics::fetchEnded);
    }

    @Override
    public void succeeded() {
      // Nothing to finish: the build was measured when it ended.
    }

    @Override
    public Throwable failed(Throwable err) {
      ZipEnd.deleteQuietly(file);
      LOG.warn("event=zip_build_failed module={} version={} reason=\"{}\"", request.module(), request.version(),
          err.getMessage());
      return err instanceof InvalidZipException invalid ? invalid.asBuildFailure() : ZipEnd.typed(err);
    }
  }
}
