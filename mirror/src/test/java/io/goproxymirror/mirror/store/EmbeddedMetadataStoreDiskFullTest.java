package io.goproxymirror.mirror.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.StorageFullException;
import io.goproxymirror.mirror.testkit.SmallDisk;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store on a real file system that fills up and is freed again. */
@DisplayName("EmbeddedMetadataStore on a full disk")
class EmbeddedMetadataStoreDiskFullTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path tmp;
  private ExecutorService executor;
  private Scheduler io;

  @BeforeEach
  void setUp() {
    executor = Executors.newFixedThreadPool(2);
    io = Schedulers.from(executor);
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  @Test
  @Timeout(120)
  @DisplayName("fails a write with a typed error while the disk is full, keeps reading, and writes again once space returns")
  void recoversWithoutRestart() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), 8)) {
      Path data = disk.dir().resolve("data");
      EmbeddedMetadataStore store = EmbeddedMetadataStore.open(data, io);
      try {
        ArtifactRecord first = record("example.com/a", "v1.0.0");
        store.putArtifact(first).blockingAwait();
        store.putAnswer("example.com/a", "list", answer("v1.0.0\n")).blockingAwait();

        Path filler = disk.dir().resolve("filler");
        disk.fill(filler, 0);
        // Large enough that its commit cannot fit in any free space left inside the store file.
        CachedAnswer big = answer("x".repeat(512 * 1024));
        assertThatThrownBy(() -> store.putAnswer("example.com/b", "list", big).blockingAwait())
            .isInstanceOf(StorageFullException.class);

        // What was committed before is still there, while the disk is still full.
        assertThat(store.artifact("example.com/a", "v1.0.0", ArtifactKind.ZIP).blockingGet()).isEqualTo(first);
        assertThat(store.versions("example.com/a").blockingGet()).containsExactly("v1.0.0");
        assertThat(store.answer("example.com/a", "list").blockingGet()).isEqualTo(answer("v1.0.0\n"));

        Files.delete(filler);
        ArtifactRecord second = record("example.com/b", "v2.0.0");
        store.putArtifact(second).blockingAwait();
        store.putAnswer("example.com/b", "list", big).blockingAwait();
        assertThat(store.artifact("example.com/b", "v2.0.0", ArtifactKind.ZIP).blockingGet()).isEqualTo(second);
        assertThat(store.prefetchQueue().loadAll().toList().blockingGet()).isEmpty();
      } finally {
        store.close().blockingAwait();
      }
      EmbeddedMetadataStore reopened = EmbeddedMetadataStore.open(data, io);
      try {
        assertThat(reopened.artifact("example.com/a", "v1.0.0", ArtifactKind.ZIP).blockingGet()).isNotNull();
        assertThat(reopened.artifact("example.com/b", "v2.0.0", ArtifactKind.ZIP).blockingGet()).isNotNull();
        assertThat(reopened.answer("example.com/b", "list").blockingGet().body()).hasSize(512 * 1024);
      } finally {
        reopened.close().blockingAwait();
      }
    }
  }

  private static ArtifactRecord record(String module, String version) {
    return new ArtifactRecord(module, version, ArtifactKind.ZIP, 10, "ab".repeat(32), "h1:x=", T0);
  }

  private static CachedAnswer answer(String body) {
    return new CachedAnswer(200, body.getBytes(StandardCharsets.UTF_8), T0);
  }
}
