package io.goproxymirror.mirror.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link MetadataStore} promises. An implementation's test extends this class
 * and implements {@link #openStore}.
 */
public abstract class MetadataStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");

  @TempDir protected Path tempDir;
  protected Path dataDir;
  protected Scheduler io;
  protected MetadataStore store;
  private ExecutorService ioPool;

  /** A fresh store keeping its data under {@code dataDir}, doing its blocking work on {@code io}. */
  protected abstract MetadataStore openStore(Path dataDir, Scheduler io) throws Exception;

  @BeforeEach
  void openStoreUnderTest() throws Exception {
    dataDir = Files.createDirectories(tempDir.resolve("data"));
    ioPool = Executors.newFixedThreadPool(16);
    io = Schedulers.from(ioPool);
    store = openStore(dataDir, io);
  }

  @AfterEach
  void closeStoreUnderTest() throws InterruptedException {
    store.close().blockingAwait(10, TimeUnit.SECONDS);
    ioPool.shutdownNow();
    ioPool.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("answers unknown artifacts, answers and modules with empty results")
  void notFound() {
    store.artifact("example.com/m", "v1.0.0", ArtifactKind.ZIP).test().awaitDone(10, TimeUnit.SECONDS)
        .assertComplete().assertNoValues();
    store.answer("example.com/m", "list").test().awaitDone(10, TimeUnit.SECONDS)
        .assertComplete().assertNoValues();
    assertThat(store.versions("example.com/m").blockingGet()).isEmpty();
  }

  @Test
  @DisplayName("round-trips artifact records of every kind, with and without h1")
  void artifactRoundTrip() {
    ArtifactRecord info = record("example.com/m", "v1.0.0", ArtifactKind.INFO, "aa", null);
    ArtifactRecord mod = record("example.com/m", "v1.0.0", ArtifactKind.MOD, "bb", "h1:mod=");
    ArtifactRecord zip = record("example.com/m", "v1.0.0", ArtifactKind.ZIP, "cc", "h1:zip=");
    Completable.concatArray(store.putArtifact(info), store.putArtifact(mod), store.putArtifact(zip))
        .blockingAwait();

    assertThat(store.artifact("example.com/m", "v1.0.0", ArtifactKind.INFO).blockingGet()).isEqualTo(info);
    assertThat(store.artifact("example.com/m", "v1.0.0", ArtifactKind.MOD).blockingGet()).isEqualTo(mod);
    assertThat(store.artifact("example.com/m", "v1.0.0", ArtifactKind.ZIP).blockingGet()).isEqualTo(zip);
  }

  @Test
  @DisplayName("keeps the first record of an artifact: later puts complete without changing it")
  void firstWriterWins() {
    ArtifactRecord first = record("example.com/m", "v1.0.0", ArtifactKind.ZIP, "first", "h1:a=");
    ArtifactRecord second = record("example.com/m", "v1.0.0", ArtifactKind.ZIP, "second", "h1:b=");
    store.putArtifact(first).blockingAwait();
    store.putArtifact(second).test().awaitDone(10, TimeUnit.SECONDS).assertComplete();

    assertThat(store.artifact("example.com/m", "v1.0.0", ArtifactKind.ZIP).blockingGet()).isEqualTo(first);
  }

  @Test
  @DisplayName("lists each stored version once, in ascending String order")
  void versionsInOrder() {
    List<String> versions = new ArrayList<>(List.of(
        "v1.10.0", "v1.2.0", "v0.0.0-20240101000000-abcdefabcdef", "v2.0.0+incompatible", "v1.2.0-rc.1"));
    Collections.shuffle(versions, new Random(42));
    for (String v : versions) {
      for (ArtifactKind kind : ArtifactKind.values()) {
        store.putArtifact(record("example.com/m", v, kind, v + kind, null)).blockingAwait();
      }
    }
    Collections.sort(versions);

    assertThat(store.versions("example.com/m").blockingGet()).containsExactlyElementsOf(versions);
  }

  @Test
  @DisplayName("keeps a/b, a/b-c and a/b/v2 apart for artifacts, versions and answers")
  void prefixIsolation() {
    Completable.concatArray(
        store.putArtifact(record("a/b", "v1.0.0", ArtifactKind.MOD, "1", null)),
        store.putArtifact(record("a/b-c", "v1.1.0", ArtifactKind.MOD, "2", null)),
        store.putArtifact(record("a/b/v2", "v2.0.0", ArtifactKind.MOD, "3", null)),
        store.putArtifact(record("a", "v0.1.0", ArtifactKind.MOD, "4", null)),
        store.putAnswer("a/b-c", "list", answer(200, "v1.1.0\n")),
        store.putAnswer("a/b/v2", "list", answer(200, "v2.0.0\n"))).blockingAwait();

    assertThat(store.versions("a/b").blockingGet()).containsExactly("v1.0.0");
    assertThat(store.versions("a/b-c").blockingGet()).containsExactly("v1.1.0");
    assertThat(store.versions("a/b/v2").blockingGet()).containsExactly("v2.0.0");
    assertThat(store.versions("a").blockingGet()).containsExactly("v0.1.0");
    assertThat(store.versions("a/b/").blockingGet()).isEmpty();
    store.answer("a/b", "list").test().awaitDone(10, TimeUnit.SECONDS).assertNoValues();
    assertThat(store.answer("a/b/v2", "list").blockingGet()).isEqualTo(answer(200, "v2.0.0\n"));
    store.artifact("a/b", "v1.1.0", ArtifactKind.MOD).test().awaitDone(10, TimeUnit.SECONDS).assertNoValues();
  }

  @Test
  @DisplayName("round-trips cached answers, replaces them, and keeps them out of the version list")
  void answers() {
    CachedAnswer negative = new CachedAnswer(410, "gone".getBytes(UTF_8), T0);
    CachedAnswer binary = new CachedAnswer(200, new byte[] {0, 1, -1, 10, 13}, T0.plusSeconds(1));
    store.putAnswer("example.com/m", "latest", answer(200, "{\"Version\":\"v1.0.0\"}")).blockingAwait();
    store.putAnswer("example.com/m", "latest", binary).blockingAwait();
    store.putAnswer("example.com/m", "v9.9.9", negative).blockingAwait();
    store.putAnswer("example.com/m", "list", new CachedAnswer(200, new byte[0], T0)).blockingAwait();

    assertThat(store.answer("example.com/m", "latest").blockingGet()).isEqualTo(binary);
    assertThat(store.answer("example.com/m", "v9.9.9").blockingGet()).isEqualTo(negative);
    assertThat(store.answer("example.com/m", "list").blockingGet().body()).isEmpty();
    assertThat(store.versions("example.com/m").blockingGet()).isEmpty();
  }

  @Test
  @DisplayName("keeps every version written by 16 concurrent writers")
  void concurrentVersions() {
    Completable.merge(IntStream.range(0, 16)
            .mapToObj(i -> store.putArtifact(record("example.com/m", "v1." + i + ".0", ArtifactKind.INFO, "s" + i, null)))
            .toList())
        .blockingAwait(30, TimeUnit.SECONDS);

    assertThat(store.versions("example.com/m").blockingGet())
        .containsExactlyElementsOf(IntStream.range(0, 16).mapToObj(i -> "v1." + i + ".0").sorted().toList());
  }

  @Test
  @DisplayName("keeps exactly one whole record when 16 writers race on one artifact")
  void concurrentSameArtifact() {
    List<ArtifactRecord> candidates = IntStream.range(0, 16)
        .mapToObj(i -> record("example.com/m", "v1.0.0", ArtifactKind.ZIP, "sha" + i, "h1:" + i + "="))
        .toList();
    Completable.merge(candidates.stream().map(store::putArtifact).toList()).blockingAwait(30, TimeUnit.SECONDS);

    ArtifactRecord kept = store.artifact("example.com/m", "v1.0.0", ArtifactKind.ZIP).blockingGet();
    assertThat(candidates).contains(kept);
    assertThat(store.versions("example.com/m").blockingGet()).containsExactly("v1.0.0");
  }

  @Test
  @DisplayName("rejects empty names and names containing NUL")
  void rejectsBadNames() {
    store.artifact("", "v1.0.0", ArtifactKind.MOD).test().awaitDone(10, TimeUnit.SECONDS).assertError(IllegalArgumentException.class);
    store.putArtifact(record("a\u0000b", "v1.0.0", ArtifactKind.MOD, "x", null)).test()
        .awaitDone(10, TimeUnit.SECONDS).assertError(IllegalArgumentException.class);
    store.putArtifact(record("a", "v1\u0000", ArtifactKind.MOD, "x", null)).test()
        .awaitDone(10, TimeUnit.SECONDS).assertError(IllegalArgumentException.class);
    store.versions("a\u0000").test().awaitDone(10, TimeUnit.SECONDS).assertError(IllegalArgumentException.class);
    store.answer("a", "").test().awaitDone(10, TimeUnit.SECONDS).assertError(IllegalArgumentException.class);
    store.putAnswer("a", "x\u0000", answer(200, "")).test().awaitDone(10, TimeUnit.SECONDS)
        .assertError(IllegalArgumentException.class);
    assertThat(store.versions("a").blockingGet()).isEmpty();
  }

  @Test
  @DisplayName("fails calls made after close")
  void closedStoreFails() {
    store.close().blockingAwait();

    store.versions("example.com/m").test().awaitDone(10, TimeUnit.SECONDS).assertError(Throwable.class);
    store.putAnswer("example.com/m", "list", answer(200, "")).test().awaitDone(10, TimeUnit.SECONDS)
        .assertError(Throwable.class);
  }

  protected static ArtifactRecord record(String module, String version, ArtifactKind kind, String sha, String h1) {
    return new ArtifactRecord(module, version, kind, sha.length() * 100L, sha, h1, T0);
  }

  protected static CachedAnswer answer(int status, String body) {
    return new CachedAnswer(status, body.getBytes(UTF_8), T0);
  }
}
