package io.goproxymirror.mirror;

import io.goproxymirror.mirror.testkit.GoCommand;
import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.ProcessResult;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (its name keeps it out of the test suite; {@code bench/expansion.sh} runs
 * it): a cold {@code go mod download all} of a project whose graph has 4 direct and 16 indirect
 * modules, through a mirror whose upstream answers after {@code BENCH_UPSTREAM_DELAY_MS} (default
 * 50) per request, with dependency expansion on against off, alternating, in the same run. Prints
 * the wall time and the cold-miss rate (MISS over .info/.mod/.zip requests) of each round and the
 * medians. Nothing is asserted on timings.
 */
class ExpansionBench {
  private static final int DIRECT = 4;
  private static final int FANOUT = 4;

  @TempDir Path tmp;

  private record Round(boolean expansion, long millis, double coldMissRate, double misses, double requests) {}

  @Test
  void coldDownloadExpansionOnVersusOff() throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 3);
    long delay = Long.getLong("bench.upstreamDelayMs", 50);
    Vertx vertx = Vertx.vertx();
    ModuleFixture modules = new ModuleFixture(tmp.resolve("upstream"));
    List<String> direct = graph(modules);
    Path project = project(direct);
    GoproxyDirServer upstream = GoproxyDirServer.start(vertx, tmp.resolve("upstream")).delay(Duration.ofMillis(delay));
    List<Round> results = new ArrayList<>();
    try {
      round(upstream, project, true, -1);
      for (int i = 0; i < rounds; i++) {
        results.add(round(upstream, project, true, i));
        results.add(round(upstream, project, false, i));
      }
    } finally {
      upstream.close();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    System.out.printf("%nupstream delay %d ms, %d modules, %d rounds each%n", delay, DIRECT + DIRECT * FANOUT, rounds);
    System.out.println("| round | expansion | wall ms | misses / artifact requests | cold-miss rate |");
    System.out.println("|---:|---|---:|---:|---:|");
    for (int i = 0; i < results.size(); i++) {
      Round r = results.get(i);
      System.out.printf("| %d | %s | %d | %.0f / %.0f | %.2f |%n", i / 2 + 1, r.expansion() ? "on" : "off", r.millis(),
          r.misses(), r.requests(), r.coldMissRate());
    }
    long onMs = median(results.stream().filter(Round::expansion).map(Round::millis).toList());
    long offMs = median(results.stream().filter(r -> !r.expansion()).map(Round::millis).toList());
    double onRate = medianRate(results.stream().filter(Round::expansion).map(Round::coldMissRate).toList());
    double offRate = medianRate(results.stream().filter(r -> !r.expansion()).map(Round::coldMissRate).toList());
    System.out.printf("%nmedian: expansion on %d ms (cold-miss rate %.2f), off %d ms (cold-miss rate %.2f);"
        + " off / on = %.2fx%n", onMs, onRate, offMs, offRate, offMs / (double) onMs);
  }

  /** Writes the modules; returns the direct requirements of the project. */
  private static List<String> graph(ModuleFixture modules) {
    List<String> direct = new ArrayList<>();
    for (int d = 0; d < DIRECT; d++) {
      List<String> requires = new ArrayList<>();
      for (int i = 0; i < FANOUT; i++) {
        String leaf = "example.com/bench/leaf" + d + "x" + i;
        SyncWorkerTest.publish(modules, leaf, "v1.0.0");
        requires.add(leaf + " v1.0.0");
      }
      String module = "example.com/bench/dep" + d;
      SyncWorkerTest.publish(modules, module, "v1.0.0", requires.toArray(String[]::new));
      direct.add(module + " v1.0.0");
    }
    return direct;
  }

  private Path project(List<String> direct) {
    Path dir = tmp.resolve("project");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("go.mod"), "module example.com/bench/project\n\ngo 1.16\n\nrequire (\n\t"
          + String.join("\n\t", direct) + "\n)\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  private Round round(GoproxyDirServer upstream, Path project, boolean expansion, int index) {
    String name = (expansion ? "on" : "off") + index;
    String yaml = "sync:\n  expansion:\n    enabled: " + expansion + "\n";
    try (MirrorHarness mirror = MirrorHarness.startRole(Role.ALL, tmp.resolve("data-" + name), yaml,
        upstream.baseUrl())) {
      GoCommand go = GoCommand.in(tmp.resolve("go-" + name)).withGoproxy(mirror.baseUrl());
      long start = System.nanoTime();
      ProcessResult result = go.run(project, "mod", "download", "all");
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      if (!result.succeeded()) {
        throw new IllegalStateException(result.describe());
      }
      double misses = SyncWorkerTest.metric(mirror, "goproxy_mirror_cold_misses_total", "");
      double requests = SyncWorkerTest.metric(mirror, "goproxy_mirror_artifact_requests_total", "");
      return new Round(expansion, millis, requests == 0 ? 0 : misses / requests, misses, requests);
    } finally {
      deleteQuietly(project.resolve("go.sum"));
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static double medianRate(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
