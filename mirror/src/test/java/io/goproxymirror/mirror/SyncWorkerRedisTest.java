package io.goproxymirror.mirror;

import static io.goproxymirror.mirror.SyncWorkerTest.TOKEN;
import static io.goproxymirror.mirror.SyncWorkerTest.admin;
import static io.goproxymirror.mirror.SyncWorkerTest.publish;
import static io.goproxymirror.mirror.SyncWorkerTest.stored;
import static io.goproxymirror.mirror.SyncWorkerTest.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.RedisFixture;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("sync workers sharing Redis: one leader, a standby takes over, replicas hand client misses over")
@Timeout(120)
class SyncWorkerRedisTest {
  @RegisterExtension final RedisFixture redis = new RedisFixture();
  @TempDir Path tmp;
  private Vertx vertx;
  private GoproxyDirServer upstream;
  private final String prefix = RedisFixture.randomPrefix();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    ModuleFixture modules = new ModuleFixture(tmp.resolve("upstream"));
    publish(modules, "example.com/lib", "v1.0.0");
    publish(modules, "example.com/app", "v1.0.0", "example.com/lib v1.0.0");
    upstream = GoproxyDirServer.start(vertx, tmp.resolve("upstream"));
  }

  @AfterEach
  void stop() {
    upstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private MirrorHarness process(Role role) {
    String yaml = """
        sync:
          leader-ttl: 1s
        admin:
          token: "%s"
        metadata:
          redis:
            key-prefix: "%s"
        """.formatted(TOKEN, prefix);
    return MirrorHarness.startRole(role, tmp.resolve("data"), yaml, upstream.baseUrl(),
        "MIRROR_REDIS_URL", redis.url());
  }

  private static boolean leads(MirrorHarness worker) {
    return admin(worker, "/admin/sync").getBoolean("leader");
  }

  @Test
  @DisplayName("of two workers exactly one leads; when it stops, the standby leads within the lock's TTL")
  void oneLeaderAndTakeOver() throws InterruptedException {
    MirrorHarness first = process(Role.WORKER);
    MirrorHarness second = process(Role.WORKER);
    MirrorHarness leader = null;
    try {
      within(Duration.ofSeconds(10), "a leader", () -> leads(first) || leads(second));
      Thread.sleep(1500);
      assertThat(List.of(leads(first), leads(second))).as("after more than a TTL").containsExactlyInAnyOrder(true, false);
      leader = leads(first) ? first : second;
      MirrorHarness standby = leader == first ? second : first;

      long stopped = System.nanoTime();
      leader.close();
      within(Duration.ofSeconds(10), "the standby leads", () -> leads(standby));
      System.out.printf("standby led %d ms after the leader stopped (leader-ttl 1s)%n",
          Duration.ofNanos(System.nanoTime() - stopped).toMillis());
    } finally {
      for (MirrorHarness worker : List.of(first, second)) {
        if (worker != leader) {
          worker.close();
        }
      }
    }
  }

  @Test
  @DisplayName("a client miss on a mirror replica reaches the leading worker through Redis, which caches the"
      + " version's requirements")
  void replicaMissExpandedByLeader() {
    try (MirrorHarness worker = process(Role.WORKER);
        MirrorHarness replica = process(Role.MIRROR)) {
      within(Duration.ofSeconds(10), "the worker leads", () -> leads(worker));
      assertThat(replica.get("/example.com/app/@v/v1.0.0.mod").headers().firstValue("X-Cache")).contains("MISS");
      within(Duration.ofSeconds(15), "lib stored by the worker", () -> stored(replica, "example.com/lib", "v1.0.0"));
      assertThat(replica.get("/example.com/lib/@v/v1.0.0.zip").headers().firstValue("X-Cache")).contains("HIT");
      assertThat(replica.get("/admin/sync").statusCode()).as("replicas serve no admin API").isEqualTo(404);
    }
  }
}
