package io.goproxymirror.mirror;

import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.S3Server;
import io.goproxymirror.mirror.testkit.SlowReader;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (its name keeps it out of the test suite; {@code bench/s3large.sh} runs it):
 * {@code bench.copies} (default 20) concurrent downloads of one warm zip of {@code bench.zipMiB}
 * (default 400) MiB, straight from S3Proxy (the baseline, with the AWS SDK) and then through a
 * mirror with S3 storage in this JVM, alternating for {@code bench.rounds} (default 2) rounds,
 * every body hashed and compared. Prints, for each round,
 * complete byte-exact copies over copies, the aggregate MB/s and the peak heap in use while it ran,
 * then the JVM's peak RSS. Nothing is asserted on timings.
 */
class S3LargeBench {
  private static final String MODULE = "example.com/bench/large";

  @TempDir Path tmp;

  private record Round(String name, int complete, int copies, double seconds, long bytes, long peakHeap,
      long peakLive) {
    double megabytesPerSecond() {
      return bytes / 1e6 / seconds;
    }
  }

  @Test
  void concurrentWarmDownloadsOfALargeZip() throws Exception {
    int copies = Integer.getInteger("bench.copies", 20);
    long zipMiB = Long.getLong("bench.zipMiB", 400);
    int repeats = Integer.getInteger("bench.rounds", 2);
    Vertx vertx = Vertx.vertx();
    ModuleFixture fixture = new ModuleFixture(tmp.resolve("upstream"));
    Path zipFile = LargeZips.write(fixture, MODULE, "v1.0.0", zipMiB << 20, 7);
    long size = Files.size(zipFile);
    byte[] expected = sha256(zipFile);
    String path = "/" + MODULE + "/@v/v1.0.0.zip";
    GoproxyDirServer upstream = GoproxyDirServer.start(vertx, fixture.root());
    List<Round> rounds = new ArrayList<>();
    try (S3Server s3 = S3Server.startOnDisk(tmp.resolve("s3"))) {
      String bucket = s3.createBucket();
      try (MirrorHarness mirror = MirrorHarness.startWithYaml(tmp.resolve("mirror"), """
          storage:
            type: s3
            s3:
              bucket: %s
              endpoint: %s
              path-style: true
              access-key-env: BENCH_S3_ACCESS
              secret-key-env: BENCH_S3_SECRET
          """.formatted(bucket, s3.endpoint()), upstream.baseUrl(),
          "BENCH_S3_ACCESS", S3Server.ACCESS_KEY, "BENCH_S3_SECRET", S3Server.SECRET_KEY,
          "MIRROR_UPSTREAM_TIMEOUTS_TOTAL", "10m")) { // the one pull-through of the zip, on 2 shared cores
        SlowReader.Result miss = SlowReader.fast(mirror.port(), path);
        if (!miss.complete() || !Arrays.equals(miss.sha256(), expected)) {
          throw new AssertionError("the pull-through of the zip failed: " + miss);
        }
        String object = s3.client().listObjectsV2(b -> b.bucket(bucket)).contents().stream()
            .map(o -> o.key()).filter(k -> k.endsWith(".zip")).findFirst().orElseThrow();
        for (int i = 1; i <= repeats; i++) {
          rounds.add(round(i + ": direct from S3Proxy (baseline)", copies, size, () -> {
            try (InputStream body = s3.client().getObject(b -> b.bucket(bucket).key(object))) {
              return Arrays.equals(sha256(body), expected);
            }
          }));
          rounds.add(round(i + ": through the mirror (warm, from S3)", copies, size, () -> {
            SlowReader.Result r = SlowReader.fast(mirror.port(), path);
            return r.complete() && r.hit() && Arrays.equals(r.sha256(), expected);
          }));
        }
      }
    } finally {
      upstream.close();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    long maxHeap = Runtime.getRuntime().maxMemory();
    System.out.printf("%nzip %.1f MB, %d concurrent copies, %d cores, max heap %d MiB%n", size / 1e6, copies,
        Runtime.getRuntime().availableProcessors(), maxHeap >> 20);
    System.out.println("| round | complete / copies | seconds | MB/s | peak heap used (with garbage) | peak heap left after a GC |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (Round r : rounds) {
      System.out.printf("| %s | %d / %d | %.1f | %.0f | %d MiB | %d MiB |%n", r.name(), r.complete(), r.copies(),
          r.seconds(), r.megabytesPerSecond(), r.peakHeap() >> 20, r.peakLive() >> 20);
    }
    for (int i = 0; i + 1 < rounds.size(); i += 2) {
      System.out.printf("round %d: mirror / direct throughput %.2f%n", i / 2 + 1,
          rounds.get(i + 1).megabytesPerSecond() / rounds.get(i).megabytesPerSecond());
    }
    System.out.printf("peak RSS of this JVM (mirror, clients, SDK): %s%n", peakRss());
  }

  private static Round round(String name, int copies, long size, Callable<Boolean> download) throws Exception {
    System.gc();
    AtomicLong peak = new AtomicLong();
    AtomicLong live = new AtomicLong();
    var pools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null).toList();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      var memory = ManagementFactory.getMemoryMXBean();
      while (sampling.get()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        live.accumulateAndGet(pools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.start();
    ExecutorService clients = Executors.newFixedThreadPool(copies);
    long start = System.nanoTime();
    int complete = 0;
    try {
      List<Future<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < copies; i++) {
        calls.add(clients.submit(download));
      }
      for (Future<Boolean> call : calls) {
        try {
          if (call.get(30, TimeUnit.MINUTES)) {
            complete++;
          }
        } catch (ExecutionException failed) {
          System.out.println(name + ": a copy failed: " + failed.getCause());
        }
      }
    } finally {
      clients.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    sampling.set(false);
    sampler.join();
    return new Round(name, complete, copies, seconds, size * complete, peak.get(), live.get());
  }

  private static String peakRss() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmHWM")).map(l -> l.substring(6).trim()).findFirst().orElse("unknown");
  }

  private static byte[] sha256(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  private static byte[] sha256(InputStream in) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[64 << 10];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      sha.update(buffer, 0, n);
    }
    return sha.digest();
  }
}
