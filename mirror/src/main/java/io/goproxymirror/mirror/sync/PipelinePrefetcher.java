package io.goproxymirror.mirror.sync;

import io.goproxymirror.mirror.errors.BadRequestException;
import io.goproxymirror.mirror.errors.GoneException;
import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.rx.RxFutures;
import io.goproxymirror.mirror.serve.ArtifactService;
import io.goproxymirror.mirror.serve.CacheStatus;
import io.goproxymirror.mirror.serve.LatestService;
import io.goproxymirror.mirror.serve.Reply;
import io.goproxymirror.mirror.serve.ZipService;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.port.PrefetchFailure;
import io.goproxymirror.sync.port.PrefetchResult;
import io.goproxymirror.sync.port.Prefetcher;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * The sync worker's {@link Prefetcher}: asks for a version's {@code .info}, {@code .mod} and
 * {@code .zip} exactly as a client would (same services, single-flight, locks, verification and
 * storage), without an HTTP round trip, and waits until the zip is committed. A version that is not
 * canonical (a branch, a query) is first resolved to one, as the go command does.
 */
public final class PipelinePrefetcher implements Prefetcher {
  private final ArtifactService artifacts;
  private final ZipService zips;
  private final LatestService queries;

  public PipelinePrefetcher(ArtifactService artifacts, ZipService zips, LatestService queries) {
    this.artifacts = artifacts;
    this.zips = zips;
    this.queries = queries;
  }

  @Override
  public Single<PrefetchResult> prefetch(ModuleVersion version) {
    return Single.defer(() -> canonical(version))
        .flatMap(canonical -> artifact(canonical, ArtifactKind.INFO)
            .flatMap(info -> artifact(canonical, ArtifactKind.MOD)
                .flatMap(mod -> zip(canonical)
                    .map(zip -> info || mod || zip ? PrefetchResult.STORED : PrefetchResult.ALREADY_STORED))))
        .onErrorResumeNext(err -> Single.error(failure(err)));
  }

  /** The request for {@code version}, resolved to a canonical version when it is a query. */
  private Single<ModuleVersion> canonical(ModuleVersion version) {
    ProxyRequest info = ProxyRequest.of(Endpoint.INFO, version.path(), version.version());
    if (!info.query()) {
      return Single.just(version);
    }
    return queries.query(info).map(reply -> {
      byte[] body = ok(reply);
      String resolved = new JsonObject(new String(body, StandardCharsets.UTF_8)).getString("Version");
      return new ModuleVersion(version.path(), resolved);
    });
  }

  /** Fetches one small artifact: true when it was not stored before. */
  private Single<Boolean> artifact(ModuleVersion version, ArtifactKind kind) {
    Endpoint endpoint = kind == ArtifactKind.INFO ? Endpoint.INFO : Endpoint.MOD;
    return artifacts.get(ProxyRequest.of(endpoint, version.path(), version.version()), kind).map(reply -> {
      ok(reply);
      return reply.cache() == CacheStatus.MISS;
    });
  }

  /** Fetches the zip and waits until it is committed: true when it was not stored before. */
  private Single<Boolean> zip(ModuleVersion version) {
    return zips.get(ProxyRequest.of(Endpoint.ZIP, version.path(), version.version())).flatMap(reply -> {
      if (reply instanceof Reply.Streaming streaming) {
        return RxFutures.single(streaming.download().done()).map(record -> true);
      }
      ok(reply);
      return Single.just(reply.cache() == CacheStatus.MISS);
    });
  }

  /** The body of a 200 reply; a negative answer (404/410) is a permanent failure. */
  private static byte[] ok(Reply reply) {
    if (reply.status() == 200 && reply instanceof Reply.Bytes bytes) {
      return bytes.body();
    }
    if (reply.status() == 200) {
      return new byte[0];
    }
    String reason = reply instanceof Reply.Bytes bytes
        ? new String(bytes.body(), StandardCharsets.UTF_8).trim()
        : "answered " + reply.status();
    throw new PrefetchFailure(reason, reply.status() == 404 || reply.status() == 410);
  }

  /** Not found, gone and invalid requests are permanent; everything else may pass. */
  static PrefetchFailure failure(Throwable err) {
    if (err instanceof PrefetchFailure failure) {
      return failure;
    }
    boolean permanent = err instanceof NotFoundException || err instanceof GoneException
        || err instanceof BadRequestException;
    String reason = err instanceof MirrorException ? err.getMessage() : err.getClass().getSimpleName()
        + (err.getMessage() == null ? "" : ": " + err.getMessage());
    return new PrefetchFailure(reason, permanent);
  }
}
