package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.upstream.GoproxyList;
import io.goproxymirror.config.upstream.UpstreamList;
import io.goproxymirror.gomod.PathPatterns;
import io.goproxymirror.mirror.fetch.FetchGate;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.fetch.Finishing;
import io.goproxymirror.mirror.fetch.ProxyBodies;
import io.goproxymirror.mirror.fetch.ProxyList;
import io.goproxymirror.mirror.fetch.ProxyUpstream;
import io.goproxymirror.mirror.fetch.RetryPolicy;
import io.goproxymirror.mirror.fetch.RouteTable;
import io.goproxymirror.mirror.fetch.Routed;
import io.goproxymirror.mirror.fetch.UpstreamRegistry;
import io.goproxymirror.mirror.fetch.ZipDownload;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.serve.ArtifactIndex;
import io.goproxymirror.mirror.serve.ListFile;
import io.goproxymirror.mirror.serve.Recorded;
import io.goproxymirror.mirror.serve.Stored;
import io.goproxymirror.mirror.serve.Verified;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.EmbeddedMetadataStore;
import io.goproxymirror.mirror.store.FileBlobStore;
import io.goproxymirror.mirror.store.StagingArea;
import io.goproxymirror.mirror.store.StorageSpace;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("zip staging")
class ZipStagingTest {
  private static final String MODULE = "example.com/staged/mod";

  @TempDir Path tmp;
  private Vertx vertx;
  private GoproxyDirServer upstream;
  private IoPool io;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    ModuleFixture modules = new ModuleFixture(tmp.resolve("upstream"));
    SyncWorkerTest.publish(modules, MODULE, "v1.0.0");
    upstream = GoproxyDirServer.start(vertx, tmp.resolve("upstream"));
    io = new IoPool(2);
  }

  @AfterEach
  void stop() {
    upstream.close();
    io.shutdown();
    vertx.close().await();
  }

  @Test
  @DisplayName("creates a pulled-through zip's staging file off the event loop")
  void stagingFileIsCreatedOffTheEventLoop() throws Exception {
    MirrorConfig config = ConfigLoader.load(Optional.empty(), Map.of("MIRROR_UPSTREAM", upstream.baseUrl()));
    MirrorMetrics metrics = new MirrorMetrics(new SimpleMeterRegistry());
    Path data = tmp.resolve("data");
    RecordingStagingArea staging = new RecordingStagingArea(data);
    FetchGate gate = new FetchGate(4, 16, Duration.ofSeconds(10), Schedulers.computation(), metrics);
    UpstreamRegistry upstreams = new UpstreamRegistry(
        url -> new ProxyUpstream(vertx, url, config.upstreamTimeouts().forUpstream(url), 4),
        config.upstreamHealth(), new RetryPolicy(0, Duration.ofMillis(100)), metrics, Clock.systemUTC());
    Files.createDirectories(data);
    FileBlobStore blobs = new FileBlobStore(data, io.reads(), io.writes());
    EmbeddedMetadataStore metadata = EmbeddedMetadataStore.open(tmp.resolve("meta"), io.writes());
    ArtifactIndex index = new ArtifactIndex(metadata, 100);
    Finishing finishing = leaf -> new Recorded(
        new Stored(new Verified(leaf, Clock.systemUTC(), metrics, io.writes()), blobs),
        index, new ListFile(blobs), metrics);
    ProxyList chain = new ProxyList(UpstreamList.parse(upstream.baseUrl()), new ProxyList.Wiring(upstreams, gate,
        metrics, Duration.ofSeconds(30), new ProxyBodies(vertx, staging, Duration.ofSeconds(30), metrics),
        finishing, null));
    RouteTable routes = new RouteTable(PathPatterns.none(), PathPatterns.none(), List.of(),
        GoproxyList.parse(upstream.baseUrl()), list -> chain, Duration.ofMinutes(5));
    StorageSpace space = StorageSpace.of(data, 0, io.reads());
    Routed sources = new Routed(routes, gate, null, space);

    String key = MODULE + "/@v/v1.0.0.zip";
    CompletableFuture<ArtifactRecord> stored = new CompletableFuture<>();
    // Started from an event loop, as a client's request is.
    vertx.runOnContext(v -> sources.fetch(ProxyRequest.of(Endpoint.ZIP, MODULE, "v1.0.0"))
        .subscribe(fetched -> completeWith(((Fetched.Zip) fetched).download(), stored),
            stored::completeExceptionally));

    ArtifactRecord record = stored.get(30, TimeUnit.SECONDS);
    assertThat(record.size()).isEqualTo(Files.size(data.resolve(key)));
    assertThat(staging.creators).as("threads that created a staging file").hasSize(1);
    assertThat(staging.creators).noneMatch(name -> name.contains("eventloop"));
    space.close();
    metadata.close().blockingAwait(10, TimeUnit.SECONDS);
  }

  private static void completeWith(ZipDownload download, CompletableFuture<ArtifactRecord> stored) {
    download.done().onComplete(ar -> {
      if (ar.succeeded()) {
        stored.complete(ar.result());
      } else {
        stored.completeExceptionally(ar.cause());
      }
    });
  }

  /** The real staging area, noting which thread creates each file. */
  private static final class RecordingStagingArea extends StagingArea {
    final List<String> creators = new CopyOnWriteArrayList<>();

    RecordingStagingArea(Path dataDir) {
      super(dataDir);
    }

    @Override
    public Path newFile() throws IOException {
      creators.add(Thread.currentThread().getName());
      return super.newFile();
    }
  }
}
