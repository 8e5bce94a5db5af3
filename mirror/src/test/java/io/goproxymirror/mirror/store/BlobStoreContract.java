package io.goproxymirror.mirror.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link BlobStore} promises. An implementation's test extends this class and
 * implements {@link #createStore}; the data directory also holds the {@link StagingArea}.
 */
public abstract class BlobStoreContract {
  private static final long NO_LIMIT = Long.MAX_VALUE;

  @TempDir protected Path tempDir;
  protected Path dataDir;
  protected StagingArea staging;
  protected BlobStore store;
  private ExecutorService ioPool;

  /** A store rooted at (or staging under) {@code dataDir}, doing its blocking work on {@code io}. */
  protected abstract BlobStore createStore(Path dataDir, Scheduler io) throws Exception;

  @BeforeEach
  void createStoreUnderTest() throws Exception {
    dataDir = Files.createDirectories(tempDir.resolve("data"));
    staging = new StagingArea(dataDir);
    ioPool = Executors.newFixedThreadPool(16);
    store = createStore(dataDir, Schedulers.from(ioPool));
  }

  @AfterEach
  void stopIoPool() throws InterruptedException {
    ioPool.shutdownNow();
    ioPool.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("answers an absent key with empty size and empty read")
  void absentKeyIsEmpty() {
    store.size("example.com/m/@v/v1.0.0.zip").test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
    store.read("example.com/m/@v/v1.0.0.zip", NO_LIMIT).test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
  }

  @Test
  @DisplayName("round-trips bytes, including every byte value and an empty blob")
  void roundTripsBytes() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    store.putBytes("example.com/m/@v/v1.0.0.mod", all).blockingAwait();
    store.putBytes("example.com/m/@v/list", new byte[0]).blockingAwait();

    assertThat(store.read("example.com/m/@v/v1.0.0.mod", NO_LIMIT).blockingGet()).isEqualTo(all);
    assertThat(store.size("example.com/m/@v/v1.0.0.mod").blockingGet()).isEqualTo(256L);
    assertThat(store.read("example.com/m/@v/list", NO_LIMIT).blockingGet()).isEmpty();
    assertThat(store.size("example.com/m/@v/list").blockingGet()).isZero();
  }

  @Test
  @DisplayName("stores a staged file (also an empty one) under its key and consumes the staged file")
  void roundTripsStagedFile() throws IOException {
    Path staged = staging.newFile();
    byte[] content = randomBytes(300_000, 7);
    Files.write(staged, content);

    store.put("example.com/m/@v/v1.0.0.zip", staged).blockingAwait();

    assertThat(store.read("example.com/m/@v/v1.0.0.zip", NO_LIMIT).blockingGet()).isEqualTo(content);
    assertThat(store.size("example.com/m/@v/v1.0.0.zip").blockingGet()).isEqualTo(content.length);
    assertThat(staged).doesNotExist();
    Path empty = staging.newFile();
    store.put("example.com/m/@v/list", empty).blockingAwait();
    assertThat(store.read("example.com/m/@v/list", NO_LIMIT).blockingGet()).isEmpty();
    assertThat(empty).doesNotExist();
  }

  @Test
  @DisplayName("replaces the blob of an existing key")
  void putReplaces() throws IOException {
    store.putBytes("example.com/m/@v/list", "v1.0.0\n".getBytes(UTF_8)).blockingAwait();
    Path staged = staging.newFile();
    Files.writeString(staged, "v1.0.0\nv1.1.0\n");
    store.put("example.com/m/@v/list", staged).blockingAwait();
    store.putBytes("example.com/m/@v/latest", "a".getBytes(UTF_8)).blockingAwait();
    store.putBytes("example.com/m/@v/latest", "b".getBytes(UTF_8)).blockingAwait();

    assertThat(readString("example.com/m/@v/list")).isEqualTo("v1.0.0\nv1.1.0\n");
    assertThat(readString("example.com/m/@v/latest")).isEqualTo("b");
  }

  @Test
  @DisplayName("keeps a/b, a/b-c and a/b/v2 apart")
  void prefixIsolation() {
    store.putBytes("a/b/@v/list", "b".getBytes(UTF_8)).blockingAwait();
    store.putBytes("a/b-c/@v/list", "b-c".getBytes(UTF_8)).blockingAwait();
    store.putBytes("a/b/v2/@v/list", "b/v2".getBytes(UTF_8)).blockingAwait();
    store.putBytes("a/b-c/@v/v1.0.0.info", "{}".getBytes(UTF_8)).blockingAwait();

    assertThat(readString("a/b/@v/list")).isEqualTo("b");
    assertThat(readString("a/b-c/@v/list")).isEqualTo("b-c");
    assertThat(readString("a/b/v2/@v/list")).isEqualTo("b/v2");
    store.size("a/b/@v/v1.0.0.info").test().awaitDone(10, TimeUnit.SECONDS).assertNoValues();
    store.size("a/b/v2/@v/v1.0.0.info").test().awaitDone(10, TimeUnit.SECONDS).assertNoValues();
  }

  @Test
  @DisplayName("treats a key that is only a prefix of stored keys as absent")
  void prefixOfKeysIsAbsent() {
    store.putBytes("a/b/@v/list", "b".getBytes(UTF_8)).blockingAwait();

    store.size("a/b").test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
    store.read("a/b/@v", NO_LIMIT).test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
  }

  @Test
  @DisplayName("fails a read over maxBytes with an IOException and allows exactly maxBytes")
  void readLimit() {
    store.putBytes("example.com/m/@v/v1.0.0.mod", new byte[100]).blockingAwait();

    store.read("example.com/m/@v/v1.0.0.mod", 99).test().awaitDone(10, TimeUnit.SECONDS)
        .assertError(e -> e instanceof IOException && e.getMessage().contains("99"));
    assertThat(store.read("example.com/m/@v/v1.0.0.mod", 100).blockingGet()).hasSize(100);
  }

  @Test
  @DisplayName("opens a blob as a stream with its size, and answers an absent key or a key prefix with empty")
  void opensForStreaming() throws IOException {
    byte[] content = randomBytes(300_000, 11);
    store.putBytes("example.com/m/@v/v1.0.0.zip", content).blockingAwait();

    try (BlobContent blob = store.open("example.com/m/@v/v1.0.0.zip").blockingGet()) {
      assertThat(blob.size()).isEqualTo(content.length);
      assertThat(blob.stream().readAllBytes()).isEqualTo(content);
    }
    store.open("example.com/m/@v/v1.0.1.zip").test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
    store.open("example.com/m/@v").test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
  }

  @Test
  @DisplayName("streams an opened blob as chunks of at most the asked size, an empty blob as none")
  void streamsChunks() {
    byte[] content = randomBytes(300_001, 12);
    store.putBytes("example.com/m/@v/v1.0.0.zip", content).blockingAwait();
    store.putBytes("example.com/m/@v/list", new byte[0]).blockingAwait();

    List<ByteBuffer> chunks =
        store.open("example.com/m/@v/v1.0.0.zip").blockingGet().chunks(65_536).toList().blockingGet();
    BlobContent empty = store.open("example.com/m/@v/list").blockingGet();

    assertThat(chunks).allSatisfy(c -> assertThat(c.remaining()).isBetween(1, 65_536));
    ByteBuffer all = ByteBuffer.allocate(content.length);
    chunks.forEach(all::put);
    assertThat(all.array()).isEqualTo(content);
    assertThat(empty.size()).isZero();
    empty.chunks(1024).test().awaitDone(10, TimeUnit.SECONDS).assertComplete().assertNoValues();
  }

  @Test
  @DisplayName("keeps streaming the opened version when the key is replaced meanwhile")
  void openedBlobIsOneVersion() throws IOException {
    byte[] first = randomBytes(200_000, 13);
    byte[] second = randomBytes(100_000, 14);
    store.putBytes("example.com/m/@v/list", first).blockingAwait();

    try (BlobContent blob = store.open("example.com/m/@v/list").blockingGet()) {
      store.putBytes("example.com/m/@v/list", second).blockingAwait();
      assertThat(blob.size()).isEqualTo(first.length);
      assertThat(blob.stream().readAllBytes()).isEqualTo(first);
    }
    try (BlobContent blob = store.open("example.com/m/@v/list").blockingGet()) {
      assertThat(blob.stream().readAllBytes()).isEqualTo(second);
    }
  }

  @Test
  @DisplayName("leaves one whole content when 16 writers race on one key, and readers never see a torn blob")
  void concurrentWritersOnOneKey() throws Exception {
    String key = "example.com/race/@v/list";
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      contents.add(randomBytes(50_000 + 1_000 * i, i));
    }
    store.putBytes(key, contents.get(0)).blockingAwait();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger torn = new AtomicInteger();
    Thread reader = new Thread(() -> {
      while (writing.get()) {
        byte[] seen = store.read(key, NO_LIMIT).blockingGet();
        reads.incrementAndGet();
        if (contents.stream().noneMatch(c -> Arrays.equals(c, seen))) {
          torn.incrementAndGet();
        }
      }
    });
    reader.start();

    Completable.merge(IntStream.range(0, 16)
            .mapToObj(i -> i % 2 == 0 ? store.putBytes(key, contents.get(i)) : putStaged(key, contents.get(i)))
            .toList())
        .blockingAwait(60, TimeUnit.SECONDS);
    writing.set(false);
    reader.join(10_000);

    byte[] last = store.read(key, NO_LIMIT).blockingGet();
    assertThat(contents).anySatisfy(c -> assertThat(c).isEqualTo(last));
    assertThat(reads.get()).isPositive();
    assertThat(torn.get()).as("reads that matched no written content").isZero();
  }

  @Test
  @DisplayName("keeps every key written by 16 concurrent writers")
  void concurrentWritersOnManyKeys() {
    Completable.merge(IntStream.range(0, 16)
            .mapToObj(i -> store.putBytes("example.com/m/@v/v1." + i + ".0.mod", ("module " + i).getBytes(UTF_8)))
            .toList())
        .blockingAwait(60, TimeUnit.SECONDS);

    for (int i = 0; i < 16; i++) {
      assertThat(readString("example.com/m/@v/v1." + i + ".0.mod")).isEqualTo("module " + i);
    }
  }

  @Test
  @DisplayName("never shows leftovers of crashed writes, and cleanLeftovers removes them")
  void crashLeftoversIgnored() throws IOException {
    Path interrupted = staging.newFile();
    Files.write(interrupted, randomBytes(10_000, 1)); // a write that crashed before its rename
    Path stray = staging.root().resolve("example.com/m/@v/v1.0.0.zip");
    Files.createDirectories(stray.getParent());
    Files.write(stray, new byte[] {'P', 'K'}); // a partial file named like a key

    store.size("example.com/m/@v/v1.0.0.zip").test().awaitDone(10, TimeUnit.SECONDS).assertNoValues();
    store.read("example.com/m/@v/v1.0.0.zip", NO_LIMIT).test().awaitDone(10, TimeUnit.SECONDS).assertNoValues();
    assertThat(staging.cleanLeftovers()).isEqualTo(2);
    try (var left = Files.list(staging.root())) {
      assertThat(left).isEmpty();
    }
    assertThat(staging.cleanLeftovers()).isZero();
    store.putBytes("example.com/m/@v/v1.0.0.zip", new byte[] {1}).blockingAwait();
    assertThat(store.size("example.com/m/@v/v1.0.0.zip").blockingGet()).isEqualTo(1L);
  }

  @ParameterizedTest(name = "rejects {0}")
  @ValueSource(strings = {
      "", "../x", "a/../../x", "..", ".", "/etc/passwd", "a//b", "a/", "a/./b", "a/..", "a\\b",
      "..\\x", ".meta/x", ".tmp/x", ".git-cache/x", ".x", "a/\u0000b", "a/b\u0007", "a/\nb",
      "a/\u007fb", "caf\u00e9/@v/list"})
  @DisplayName("rejects hostile keys with IllegalArgumentException without touching the file system or the staged file")
  void hostileKeysRejected(String key) throws IOException {
    Path staged = staging.newFile();
    Files.writeString(staged, "payload");
    Map<String, Long> before = FileTreeSnapshot.of(tempDir);

    store.size(key).test().awaitDone(10, TimeUnit.SECONDS).assertError(IllegalArgumentException.class);
    store.read(key, NO_LIMIT).test().awaitDone(10, TimeUnit.SECONDS).assertError(IllegalArgumentException.class);
    store.putBytes(key, new byte[] {1}).test().awaitDone(10, TimeUnit.SECONDS).assertError(IllegalArgumentException.class);
    store.put(key, staged).test().awaitDone(10, TimeUnit.SECONDS).assertError(IllegalArgumentException.class);
    store.open(key).test().awaitDone(10, TimeUnit.SECONDS).assertError(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.localFile(key)).isInstanceOf(IllegalArgumentException.class);

    assertThat(FileTreeSnapshot.of(tempDir)).isEqualTo(before);
  }

  protected String readString(String key) {
    return new String(store.read(key, NO_LIMIT).blockingGet(), UTF_8);
  }

  private Completable putStaged(String key, byte[] content) {
    return Completable.defer(() -> {
      Path staged = staging.newFile();
      Files.write(staged, content);
      return store.put(key, staged);
    }).subscribeOn(Schedulers.io());
  }

  protected static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
