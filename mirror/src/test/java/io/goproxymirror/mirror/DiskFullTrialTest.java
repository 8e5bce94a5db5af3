package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.goproxymirror.mirror.testkit.SmallDisk;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk-full trial: a mirror whose data directory is a small tmpfs, filled up and freed again
 * while it serves. Needs root to mount (skipped without it unless MIRROR_REQUIRE_TOOLS is set).
 * {@code bench/diskfull.sh} runs it with bigger sizes (system properties below).
 */
@DisplayName("disk-full trial: a mirror on a small file system that fills up and is freed")
class DiskFullTrialTest {
  /** Size of the tmpfs, MiB. */
  private static final int DISK_MIB = Integer.getInteger("diskfull.disk-mib", 64);
  /** Size of the zip that is larger than the free space, MiB. */
  private static final int BIG_MIB = Integer.getInteger("diskfull.big-mib", 40);
  /** Free space left before the big zip is asked for, MiB. */
  private static final int ROOM_MIB = Integer.getInteger("diskfull.room-mib", 20);
  private static final String WARM = "example.com/warm";
  private static final String COLD = "example.com/cold";
  private static final String BIG = "example.com/big";
  private static final String FOUND = "example.com/found";

  @TempDir Path tmp;
  private Vertx vertx;
  private ScriptedUpstream upstream;
  private final Map<String, byte[]> artifacts = new LinkedHashMap<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    upstream = ScriptedUpstream.start(vertx);
    module(WARM, 2);
    module(COLD, 3);
  }

  @AfterEach
  void tearDown() {
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  @Timeout(180)
  @DisplayName("below storage.min-free misses get 507 while hits are served; a zip larger than the free space"
      + " streams whole without being stored; misses work again once space returns, without a restart")
  void belowMinFree() throws Exception {
    byte[] bigZip = zip(BIG, BIG_MIB);
    artifacts.put("/" + BIG + "/@v/v1.0.0.zip", bigZip);
    // Slow enough that the client is streaming it before the disk runs out.
    upstream.on("/" + BIG + "/@v/v1.0.0.zip",
        Reply.ok(bigZip, "application/zip").drip(512 * 1024, Duration.ofMillis(10)));
    try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), DISK_MIB);
        MirrorHarness mirror = MirrorHarness.start(disk.dir().resolve("data"), upstream.baseUrl(),
            "MIRROR_STORAGE_MIN_FREE", "8MiB")) {
      long t0 = System.nanoTime();
      assertServed(mirror, WARM, "MISS");
      assertServed(mirror, WARM, "HIT");

      Path filler = disk.dir().resolve("filler");
      disk.fill(filler, ROOM_MIB * 1024L * 1024);
      long streamStart = System.nanoTime();
      HttpResponse<byte[]> big = mirror.get("/" + BIG + "/@v/v1.0.0.zip");
      long streamNanos = System.nanoTime() - streamStart;
      assertThat(big.statusCode()).isEqualTo(200);
      assertThat(big.body()).as("the whole zip, byte for byte").isEqualTo(artifacts.get("/" + BIG + "/@v/v1.0.0.zip"));
      assertThat(mirror.dataDir().resolve(BIG + "/@v/v1.0.0.zip")).doesNotExist();
      awaitEmpty(mirror.dataDir().resolve(".tmp"));
      // The unstored zip's staging file is gone and its space given back (no reader holds it).
      awaitFree(disk, (ROOM_MIB - 2) * 1024L * 1024);
      Path more = disk.dir().resolve("filler-2");
      disk.fill(more, 0);
      long filled = System.nanoTime();
      awaitReady(mirror, "degraded: storage nearly full");
      long degradedNanos = System.nanoTime() - filled;
      assertThat(text(mirror.get("/metrics"))).contains("goproxy_mirror_storage_nearly_full 1.0")
          .contains("goproxy_mirror_storage_free_bytes");
      for (String path : coldPaths()) {
        HttpResponse<byte[]> refused = mirror.get(path);
        assertThat(refused.statusCode()).as(path).isEqualTo(507);
        assertThat(refused.headers().firstValue("Retry-After")).as(path).isPresent();
        assertThat(text(refused)).as(path).contains("storage nearly full").endsWith("\n").hasLineCount(1);
      }
      assertServed(mirror, WARM, "HIT");

      Files.delete(more);
      Files.delete(filler);
      long freed = System.nanoTime();
      awaitReady(mirror, "ready");
      long readyNanos = System.nanoTime() - freed;
      assertServed(mirror, COLD, "MISS");
      assertThat(text(mirror.get("/" + COLD + "/@v/list"))).isEqualTo("v1.0.0\n");
      assertThat(mirror.get("/" + COLD + "/@latest").statusCode()).isEqualTo(200);
      long storedStart = System.nanoTime();
      HttpResponse<byte[]> again = mirror.get("/" + BIG + "/@v/v1.0.0.zip");
      long storedNanos = System.nanoTime() - storedStart;
      assertThat(again.body()).isEqualTo(artifacts.get("/" + BIG + "/@v/v1.0.0.zip"));
      assertThat(Files.readAllBytes(mirror.dataDir().resolve(BIG + "/@v/v1.0.0.zip")))
          .isEqualTo(artifacts.get("/" + BIG + "/@v/v1.0.0.zip"));
      System.out.printf("diskfull-trial disk_mib=%d big_mib=%d room_mib=%d big_relayed_ms=%d big_stored_ms=%d"
              + " relayed_over_stored=%.2f degraded_after_ms=%d ready_after_ms=%d total_ms=%d%n",
          DISK_MIB, BIG_MIB, ROOM_MIB, streamNanos / 1_000_000, storedNanos / 1_000_000,
          (double) streamNanos / storedNanos, degradedNanos / 1_000_000, readyNanos / 1_000_000,
          (System.nanoTime() - t0) / 1_000_000);
    }
  }

  @Test
  @Timeout(180)
  @DisplayName("with storage.min-free 0, writes that find the disk full answer 507, never 500, and the"
      + " embedded metadata store recovers by itself once space returns")
  void writeFailures() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), 32);
        MirrorHarness mirror = MirrorHarness.start(disk.dir().resolve("data"), upstream.baseUrl(),
            "MIRROR_STORAGE_MIN_FREE", "0")) {
      assertServed(mirror, WARM, "MISS");
      // Stored files without a metadata record (a crash came between the two): a hit records them.
      module(FOUND, 1);
      for (String ext : new String[] {"info", "mod", "zip"}) {
        Path file = mirror.dataDir().resolve(FOUND + "/@v/v1.0.0." + ext);
        Files.createDirectories(file.getParent());
        Files.write(file, artifacts.get("/" + FOUND + "/@v/v1.0.0." + ext));
      }

      Path filler = disk.dir().resolve("filler");
      disk.fill(filler, 0);
      // The record cannot be written while the disk is full: the stored files are served anyway.
      assertServed(mirror, FOUND, "HIT");
      for (String path : coldPaths()) {
        HttpResponse<byte[]> refused = mirror.get(path);
        if (path.endsWith(".zip") && refused.statusCode() == 200) {
          // The client joined before the first write failed: it got the whole zip, unstored.
          assertThat(refused.body()).isEqualTo(artifacts.get(path));
          continue;
        }
        assertThat(refused.statusCode()).as(path).isEqualTo(507);
        assertThat(refused.headers().firstValue("Retry-After")).as(path).isPresent();
      }
      assertServed(mirror, WARM, "HIT");
      assertThat(mirror.dataDir().resolve(COLD + "/@v/v1.0.0.zip")).doesNotExist();

      Files.delete(filler);
      assertServed(mirror, COLD, "MISS");
      assertThat(text(mirror.get("/" + COLD + "/@v/list"))).isEqualTo("v1.0.0\n");
      assertThat(mirror.get("/" + COLD + "/@latest").statusCode()).isEqualTo(200);
      awaitEmpty(mirror.dataDir().resolve(".tmp"));
    }
  }

  private void module(String module, int zipMib) {
    String prefix = "/" + module + "/@v/v1.0.0";
    byte[] info = "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-02T03:04:05Z\"}".getBytes(StandardCharsets.UTF_8);
    byte[] mod = ("module " + module + "\n\ngo 1.21\n").getBytes(StandardCharsets.UTF_8);
    byte[] zip = zip(module, zipMib);
    artifacts.put(prefix + ".info", info);
    artifacts.put(prefix + ".mod", mod);
    artifacts.put(prefix + ".zip", zip);
    upstream.on(prefix + ".info", Reply.ok(info, "application/json"));
    upstream.on(prefix + ".mod", Reply.ok(mod, "text/plain; charset=utf-8"));
    upstream.on(prefix + ".zip", Reply.ok(zip, "application/zip"));
    upstream.on("/" + module + "/@v/list", Reply.ok("v1.0.0\n"));
    upstream.on("/" + module + "/@latest", Reply.json(new String(info, StandardCharsets.UTF_8)));
  }

  /** A valid module zip with {@code mebibytes} MiB of incompressible data (stored uncompressed). */
  private static byte[] zip(String module, int mebibytes) {
    byte[] data = new byte[mebibytes * 1024 * 1024];
    new Random(module.hashCode()).nextBytes(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 4096);
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      zip.putNextEntry(new ZipEntry(module + "@v1.0.0/go.mod"));
      zip.write(("module " + module + "\n\ngo 1.21\n").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(module + "@v1.0.0/data.bin"));
      zip.write(data);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static List<String> coldPaths() {
    String prefix = "/" + COLD + "/@v/v1.0.0";
    return List.of(prefix + ".info", prefix + ".mod", "/" + COLD + "/@v/list", "/" + COLD + "/@latest",
        prefix + ".zip");
  }

  /** .info, .mod and .zip of {@code module} are 200 with the upstream's bytes and {@code cache}. */
  private void assertServed(MirrorHarness mirror, String module, String cache) {
    for (String ext : new String[] {"info", "mod", "zip"}) {
      String path = "/" + module + "/@v/v1.0.0." + ext;
      HttpResponse<byte[]> response = mirror.get(path);
      assertThat(response.statusCode()).as(path + ": " + text(response)).isEqualTo(200);
      assertThat(response.body()).as(path).isEqualTo(artifacts.get(path));
      assertThat(response.headers().firstValue("X-Cache")).as(path).hasValue(cache);
    }
  }

  private static void awaitReady(MirrorHarness mirror, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String body = text(mirror.get("/readyz"));
    while (!body.startsWith(expected) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      body = text(mirror.get("/readyz"));
    }
    assertThat(body).startsWith(expected);
  }

  private static void awaitFree(SmallDisk disk, long bytes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (disk.free() < bytes && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(disk.free()).as("free bytes").isGreaterThanOrEqualTo(bytes);
  }

  /** Waits until {@code dir} holds nothing (a failed download's staging file is removed at its end). */
  private static void awaitEmpty(Path dir) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (entries(dir) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(entries(dir)).as("leftovers in " + dir).isZero();
  }

  private static long entries(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
