package io.goproxymirror.mirror.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.fetch.InvalidZipException;
import io.goproxymirror.mirror.fetch.ZipDownload;
import io.goproxymirror.mirror.fetch.ZipEnd;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.EmbeddedMetadataStore;
import io.goproxymirror.mirror.store.FileBlobStore;
import io.goproxymirror.mirror.store.StagingArea;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finishing steps around a leaf source, as {@code Pipeline} composes them: {@link Recorded}
 * around {@link Stored} around {@link Verified}, over a fake leaf, a file blob store and the
 * embedded metadata store.
 */
class FinishingStepsTest {
  private static final String MODULE = "example.com/m";

  @TempDir Path dir;
  private EmbeddedMetadataStore metadata;
  private FileBlobStore blobs;
  private ArtifactIndex index;
  private StagingArea staging;
  private MirrorMetrics metrics;

  @BeforeEach
  void open() {
    metadata = EmbeddedMetadataStore.open(dir.resolve("meta"), Schedulers.io());
    blobs = new FileBlobStore(dir.resolve("data"), Schedulers.io());
    index = new ArtifactIndex(metadata, 100);
    staging = new StagingArea(dir.resolve("data"));
    metrics = new MirrorMetrics(new SimpleMeterRegistry());
  }

  @AfterEach
  void close() {
    metadata.close().blockingAwait(10, TimeUnit.SECONDS);
  }

  private ArtifactSource finished(ArtifactSource leaf) {
    return new Recorded(new Stored(new Verified(leaf, Clock.systemUTC(), metrics, Schedulers.io()), blobs),
        index, new ListFile(blobs), metrics);
  }

  private static Fetched fetch(ArtifactSource source, ProxyRequest request) {
    return source.fetch(request).timeout(10, TimeUnit.SECONDS).blockingGet();
  }

  @Test
  @DisplayName("a verified .mod is stored and recorded on the way up, and its origin finished ok")
  void smallArtifact() {
    FakeOrigin origin = new FakeOrigin();
    byte[] mod = ("module " + MODULE + "\n").getBytes(UTF_8);
    ProxyRequest request = ProxyRequest.of(Endpoint.MOD, MODULE, "v1.0.0");

    Fetched.Body body = (Fetched.Body) fetch(finished(r -> Single.just(new Fetched.Body(mod, origin, null))), request);

    assertThat(body.record().kind()).isEqualTo(ArtifactKind.MOD);
    assertThat(body.record().h1()).startsWith("h1:");
    assertThat(origin.results).containsExactly("ok");
    assertThat(blobs.read(request.blobKey(), 1024).blockingGet()).isEqualTo(mod);
    assertThat(index.find(MODULE, "v1.0.0", ArtifactKind.MOD).blockingGet()).isEqualTo(body.record());
  }

  @Test
  @DisplayName("an invalid .info fails with a 502 naming its source, is finished invalid and stored nowhere")
  void invalidBody() {
    FakeOrigin origin = new FakeOrigin();
    ProxyRequest request = ProxyRequest.of(Endpoint.INFO, MODULE, "v1.0.0");
    ArtifactSource source = finished(r -> Single.just(new Fetched.Body("not json".getBytes(UTF_8), origin, null)));

    assertThatThrownBy(() -> fetch(source, request))
        .isInstanceOf(UpstreamFailedException.class)
        .hasMessage("invalid info from upstream fake.example.org: invalid JSON in .info");
    assertThat(origin.results).containsExactly("invalid");
    assertThat(blobs.size(request.blobKey()).blockingGet()).isNull();
    assertThat(index.find(MODULE, "v1.0.0", ArtifactKind.INFO).blockingGet()).isNull();
  }

  @Test
  @DisplayName("a staged zip's download ends only once it is verified, stored and recorded")
  void zip() throws IOException {
    ProxyRequest request = ProxyRequest.of(Endpoint.ZIP, MODULE, "v1.0.0");
    FakeEnd end = new FakeEnd();
    ZipDownload download = staged(MODULE + "@v1.0.0/go.mod");

    Fetched.Zip zip = (Fetched.Zip) fetch(finished(
        r -> Single.just(new Fetched.Staged(download, Completable.complete(), end))), request);
    ArtifactRecord stored = download.done().toCompletionStage().toCompletableFuture().join();

    assertThat(zip.download()).isSameAs(download);
    assertThat(stored.kind()).isEqualTo(ArtifactKind.ZIP);
    assertThat(end.events).containsExactly("succeeded");
    assertThat(blobs.size(request.blobKey()).blockingGet()).isEqualTo(stored.size());
    assertThat(index.find(MODULE, "v1.0.0", ArtifactKind.ZIP).blockingGet()).isEqualTo(stored);
    assertThat(new String(blobs.read(MODULE + "/@v/list", 1024).blockingGet(), UTF_8)).isEqualTo("v1.0.0\n");
  }

  @Test
  @DisplayName("a staged zip that fails verification fails its download with what its source's end makes of it")
  void invalidZip() throws IOException {
    ProxyRequest request = ProxyRequest.of(Endpoint.ZIP, MODULE, "v1.0.0");
    FakeEnd end = new FakeEnd();
    ZipDownload download = staged("other.example.com/x@v1.0.0/go.mod");

    fetch(finished(r -> Single.just(new Fetched.Staged(download, Completable.complete(), end))), request);

    assertThatThrownBy(() -> download.done().toCompletionStage().toCompletableFuture().join())
        .hasCauseInstanceOf(UpstreamFailedException.class)
        .hasMessageContaining("invalid zip from upstream: ");
    assertThat(end.events).containsExactly("failed InvalidZipException");
    assertThat(blobs.size(request.blobKey()).blockingGet()).isNull();
  }

  /** A download whose zip, holding one entry named {@code entry}, is staged whole already. */
  private ZipDownload staged(String entry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write(("module " + MODULE + "\n").getBytes(UTF_8));
      zip.closeEntry();
    }
    Path file = staging.newFile();
    Files.write(file, out.toByteArray());
    ZipDownload download = new ZipDownload(file, out.size());
    download.advance(out.size());
    return download;
  }

  /** Notes how its body was finished. */
  private static final class FakeOrigin implements Fetched.Origin {
    final List<String> results = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "fake.example.org";
    }

    @Override
    public void finish(String result) {
      results.add(result);
    }
  }

  /** Notes how its download ended; an invalid zip is reported as an upstream's. */
  private static final class FakeEnd implements ZipEnd {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public Single<ArtifactRecord> bound(Single<ArtifactRecord> commit) {
      return commit;
    }

    @Override
    public void succeeded() {
      events.add("succeeded");
    }

    @Override
    public Throwable failed(Throwable error) {
      events.add("failed " + error.getClass().getSimpleName());
      return error instanceof InvalidZipException invalid ? invalid.asUpstreamFailure() : error;
    }
  }
}
