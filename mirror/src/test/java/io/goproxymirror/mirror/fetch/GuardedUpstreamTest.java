package io.goproxymirror.mirror.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.goproxymirror.config.upstream.UpstreamTimeouts;
import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("what counts against an upstream's circuit")
class GuardedUpstreamTest {
  private static final UpstreamTimeouts TIMEOUTS =
      new UpstreamTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60));

  private Vertx vertx;
  private MirrorMetrics metrics;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    metrics = new MirrorMetrics(new SimpleMeterRegistry());
  }

  @AfterEach
  void tearDown() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  @DisplayName("a redirect the HTTP client cannot follow fails at once as the mirror's own error, uncounted")
  void unbuildableRedirectLeavesTheCircuitClosed() {
    ScriptedUpstream server = ScriptedUpstream.start(vertx);
    try {
      // Following this redirect needs a request whose URI the HTTP client refuses to build.
      server.on("/example.com/m/@v/list", Reply.of(302, "")
          .header("Location", "/x y^{}"));
      String url = "http://127.0.0.1:" + server.port();
      ProxyUpstream proxy = new ProxyUpstream(vertx, url, TIMEOUTS, 2);
      UpstreamHealth health = new UpstreamHealth(proxy.name(), 3, Duration.ofHours(1), Clock.systemUTC(), metrics);
      GuardedUpstream guarded = new GuardedUpstream(proxy, health, new RetryPolicy(2, Duration.ofMillis(10)), metrics);
      for (int i = 0; i < 4; i++) {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(60).toNanos();
        Throwable failure = catchThrowable(() -> guarded.get("example.com/m/@v/list", deadline).blockingGet());
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(15_000);
        assertThat(failure).as("attempt %d", i + 1).isNotNull().isNotInstanceOf(MirrorException.class);
      }
      assertThat(health.state()).isEqualTo(UpstreamHealth.State.CLOSED);
      assertThat(health.status().getLong("failures")).isZero();
      assertThat(server.requests().total()).isEqualTo(4);
    } finally {
      server.close();
    }
  }

  @Test
  @DisplayName("a request the mirror cannot build fails at once as the mirror's own error, unretried and uncounted")
  void mirrorSideFailureLeavesTheCircuitClosed() {
    // The configuration refuses such a port; built directly, the client refuses it per request.
    ProxyUpstream proxy = new ProxyUpstream(vertx, "http://127.0.0.1:99999", TIMEOUTS, 2);
    UpstreamHealth health = new UpstreamHealth(proxy.name(), 3, Duration.ofHours(1), Clock.systemUTC(), metrics);
    GuardedUpstream guarded = new GuardedUpstream(proxy, health, new RetryPolicy(2, Duration.ofMillis(10)), metrics);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      Throwable failure = catchThrowable(() -> guarded.get("example.com/m/@v/list", deadline).blockingGet());
      assertThat(failure).as("attempt %d", i + 1).isNotNull().isNotInstanceOf(MirrorException.class);
      assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(15_000);
    }
    assertThat(health.state()).isEqualTo(UpstreamHealth.State.CLOSED);
    assertThat(health.status().getInteger("consecutiveFailures")).isZero();
    assertThat(health.status().getLong("failures")).isZero();
  }
}
