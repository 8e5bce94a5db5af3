package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.fetch.InvalidZipException;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.modzip.DirHash;
import io.goproxymirror.mirror.modzip.InvalidModuleZipException;
import io.goproxymirror.mirror.modzip.ModuleZipVerifier;
import io.goproxymirror.mirror.modzip.Sha256;
import io.goproxymirror.mirror.modzip.ZipSummary;
import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * Checks what a source produced before anyone may store or serve it. A body must pass its
 * endpoint's rules ({@link SmallArtifactVerifier}; a list is normalised), else the fetch fails with
 * a 502 naming the source and the reason; a staged zip is verified with the module-zip rules once
 * its last byte is staged (off the event loop). A verified {@code .info}, {@code .mod} or zip
 * carries the record it will be stored under.
 */
public final class Verified implements ArtifactSource {
  private final ArtifactSource source;
  private final Clock clock;
  private final MirrorMetrics metrics;
  private final Scheduler io;

  /** {@code io} runs the zip verification (it reads the whole file). */
  public Verified(ArtifactSource source, Clock clock, MirrorMetrics metrics, Scheduler io) {
    this.source = source;
    this.clock = clock;
    this.metrics = metrics;
    this.io = io;
  }

  @Override
  public Single<Fetched> fetch(ProxyRequest request) {
    return source.fetch(request).map(fetched -> {
      if (fetched instanceof Fetched.Body body) {
        return body(request, body);
      }
      return fetched instanceof Fetched.Staged staged ? zip(request, staged) : fetched;
    });
  }

  private Fetched body(ProxyRequest request, Fetched.Body body) {
    String endpoint = ArtifactSource.endpointOf(request);
    byte[] kept;
    try {
      kept = check(request, body.bytes());
    } catch (IllegalArgumentException e) {
      metrics.verificationFailed(endpoint);
      body.origin().finish("invalid");
      throw new UpstreamFailedException(
          "invalid " + endpoint + " from upstream " + body.origin().name() + ": " + e.getMessage());
    }
    body.origin().finish("ok");
    boolean artifact = !request.query()
        && (request.endpoint() == Endpoint.INFO || request.endpoint() == Endpoint.MOD);
    return body.verified(kept, artifact ? smallRecord(request, kept, clock.instant()) : null);
  }

  /** The bytes to keep of a body, or {@link IllegalArgumentException} with the reason. */
  private static byte[] check(ProxyRequest request, byte[] bytes) {
    switch (request.endpoint()) {
      case LIST -> {
        return ListService.normalize(bytes);
      }
      case MOD -> SmallArtifactVerifier.mod(bytes);
      case INFO -> SmallArtifactVerifier.info(bytes, request.module(), request.query() ? null : request.version());
      default -> SmallArtifactVerifier.info(bytes, request.module(), null);
    }
    return bytes;
  }

  private Fetched zip(ProxyRequest request, Fetched.Staged staged) {
    Path file = staged.download().staging();
    Single<ArtifactRecord> verified = staged.transfer()
        .andThen(Single.fromCallable(() -> {
          try {
            return zipRecord(file, request.module(), request.version(), staged.download().written(),
                clock.instant());
          } catch (InvalidModuleZipException e) {
            metrics.verificationFailed("zip");
            throw new InvalidZipException(e.getMessage());
          }
        }).subscribeOn(io));
    return new Fetched.Zip(staged.download(), verified, staged.end());
  }

  /** The record of a small artifact's bytes. */
  static ArtifactRecord smallRecord(ProxyRequest request, byte[] bytes, Instant now) {
    ArtifactKind kind = request.endpoint() == Endpoint.MOD ? ArtifactKind.MOD : ArtifactKind.INFO;
    String h1 = kind == ArtifactKind.MOD ? DirHash.goModHash(bytes) : null;
    return new ArtifactRecord(request.module(), request.version(), kind, bytes.length, Sha256.hex(bytes), h1, now);
  }

  /**
   * Verifies a complete zip file and describes it as a stored artifact: the size, the SHA-256 of
   * its bytes and its {@code h1:} hash. Blocking (reads the whole file).
   */
  static ArtifactRecord zipRecord(Path file, String module, String version, long size, Instant now)
      throws InvalidModuleZipException, IOException {
    ZipSummary summary = ModuleZipVerifier.verify(file, module, version);
    return new ArtifactRecord(module, version, ArtifactKind.ZIP, size, Sha256.hex(file), summary.h1(), now);
  }
}
