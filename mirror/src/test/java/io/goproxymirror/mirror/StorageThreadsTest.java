package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.BlobStore;
import io.goproxymirror.mirror.store.MetadataStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.reactivex.rxjava3.observers.TestObserver;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("storage threads")
class StorageThreadsTest {
  private static final int THREADS = 2;
  private static final String MOD = "example.com/hit/@v/v1.0.0.mod";

  @TempDir Path data;
  private Vertx vertx;
  private IoPool io;
  private MetadataStore metadata;
  private BlobStore blobs;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void open() {
    MirrorConfig config = ConfigLoader.load(Optional.empty(),
        Map.of("MIRROR_DATA_DIR", data.toString(), "MIRROR_STORAGE_IO_THREADS", Integer.toString(THREADS)));
    vertx = Vertx.vertx();
    io = new IoPool(config.storage().ioThreads());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Platform platform = new Platform(vertx, io, registry, new MirrorMetrics(registry), Clock.systemUTC());
    Stores stores = StoreWiring.open(config, platform, data, Map.of());
    metadata = stores.metadata();
    blobs = stores.blobs();
  }

  @AfterEach
  void close() {
    release.countDown();
    metadata.close().blockingAwait(10, TimeUnit.SECONDS);
    io.shutdown();
    vertx.close().await();
  }

  @Test
  @DisplayName("a stored artifact is looked up and read while every thread that stores is held by blocked work")
  void readsDoNotQueueBehindWrites() throws Exception {
    byte[] mod = "module example.com/hit\n".getBytes(StandardCharsets.UTF_8);
    blobs.putBytes(MOD, mod).andThen(metadata.putArtifact(record("example.com/hit", mod.length)))
        .blockingAwait(10, TimeUnit.SECONDS);

    // Misses being stored: every write thread is busy (blocked until the end of the test) and a
    // miss's commit waits behind them.
    CountDownLatch held = new CountDownLatch(THREADS);
    for (int i = 0; i < THREADS; i++) {
      io.writes().scheduleDirect(() -> {
        held.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    assertThat(held.await(10, TimeUnit.SECONDS)).as("every write thread is held").isTrue();
    TestObserver<Void> commit = metadata.putArtifact(record("example.com/miss", 1)).test();

    // A hit: its record and its bytes come from storage, and neither waits for the writes.
    ArtifactRecord found = metadata.artifact("example.com/hit", "v1.0.0", ArtifactKind.MOD)
        .timeout(10, TimeUnit.SECONDS).blockingGet();
    byte[] read = blobs.read(MOD, 1024).timeout(10, TimeUnit.SECONDS).blockingGet();
    assertThat(found).isNotNull();
    assertThat(found.size()).isEqualTo(mod.length);
    assertThat(read).isEqualTo(mod);
    commit.assertNotComplete();

    release.countDown();
    assertThat(commit.await(10, TimeUnit.SECONDS)).isTrue();
    commit.assertComplete();
  }

  private static ArtifactRecord record(String module, long size) {
    return new ArtifactRecord(module, "v1.0.0", ArtifactKind.MOD, size, "00".repeat(32),
        "h1:" + "A".repeat(43) + "=", Instant.EPOCH);
  }
}
