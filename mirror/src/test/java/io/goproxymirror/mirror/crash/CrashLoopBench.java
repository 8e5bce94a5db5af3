package io.goproxymirror.mirror.crash;

import io.goproxymirror.mirror.store.MetadataStore;
import io.goproxymirror.mirror.store.redis.RedisMetadataStore;
import io.goproxymirror.mirror.store.redis.RedisStoreOptions;
import io.goproxymirror.mirror.testkit.RedisServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (its name keeps it out of the test suite; {@code bench/crashloop.sh} runs
 * it): the crash-loop trial of {@link CrashLoopTest} with {@code bench.cycles} cycles (default
 * 100) over a larger fixture, metadata embedded or in Redis ({@code bench.metadata}). Prints the
 * figures as a Markdown table row; the run fails if any problem was found.
 */
class CrashLoopBench {
  @TempDir Path tmp;

  @Test
  void crashLoop() throws Exception {
    int cycles = Integer.getInteger("bench.cycles", 100);
    String kind = System.getProperty("bench.metadata", "embedded");
    long seed = Long.getLong("bench.seed", 20261207L);
    CrashLoopTrial.Settings settings = new CrashLoopTrial.Settings(seed, cycles,
        Integer.getInteger("bench.modules", 12), Integer.getInteger("bench.versions", 10), 384, 8,
        Duration.ofMillis(300), Duration.ofMillis(2500), Duration.ofMillis(20), 8 * 1024);
    CrashLoopTrial.Outcome outcome;
    if (kind.equals("redis")) {
      Vertx vertx = Vertx.vertx();
      try (RedisServer redis = RedisServer.start(tmp)) {
        outcome = new CrashLoopTrial(settings, tmp.resolve("trial"), Map.of("MIRROR_REDIS_URL", redis.url()),
            data -> Optional.<MetadataStore>of(RedisMetadataStore.create(vertx, RedisStoreOptions.standalone(redis.url()))))
            .run();
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().join();
      }
    } else {
      outcome = new CrashLoopTrial(settings, tmp.resolve("trial"), Map.of(), CrashLoopTest::embedded).run();
    }
    StoreAudit.Result last = outcome.finalAudit();
    System.out.printf("%ncrash-loop seed=%d metadata=%s%n", seed, kind);
    System.out.println("| metadata | cycles | cycles with writes cut | staged writes cut | artifacts stored |"
        + " verified | corrupt | partial | stray | lists naming unstored versions | stored zips missing from lists"
        + " | records | answers checked | wrong answers | served after last restart | time s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    System.out.printf("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.0f |%n",
        kind, outcome.cycles(), outcome.cyclesWithWritesInFlight(), outcome.stagedWritesCut(), last.stored(),
        last.verified(), last.corrupt(), last.partial(), last.stray(), last.listViolations(),
        last.storedZipsMissingFromLists(), last.records(), outcome.answersChecked(), outcome.answersWrong(),
        outcome.finalServed(), outcome.millis() / 1000.0);
    outcome.problems().forEach(p -> System.out.println("problem: " + p));
    if (!outcome.problems().isEmpty()) {
      throw new AssertionError(outcome.problems().size() + " problems, the first: " + outcome.problems().get(0));
    }
  }
}
