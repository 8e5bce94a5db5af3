package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded form of {@code bench/connections.sh}: a thousand client connections at once for a few
 * seconds, warm hits mixed with misses and unknown versions. Asserts answers, never speed.
 */
@DisplayName("a thousand concurrent connections each get an answer: 200, 404 or 503 with Retry-After")
class ManyConnectionsTest {
  private static final int CONNECTIONS = 1000;
  private static final long RUN_MILLIS = 3000;
  private static final String MODULE = "example.com/many";
  private static final int VERSIONS = 60;
  private static final int WARM = 10;

  @Test
  @DisplayName("no request fails or gets another 5xx, and the mirror serves normally afterwards")
  void thousandConnections(@TempDir Path tmp) throws Exception {
    long limit = ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getMaxFileDescriptorCount();
    assertThat(limit).as("this test holds both ends of %s connections; raise ulimit -n", CONNECTIONS)
        .isGreaterThan(3L * CONNECTIONS);
    Vertx vertx = Vertx.vertx();
    Path tree = tmp.resolve("upstream");
    Files.createDirectories(tree);
    ModuleFixture fixture = new ModuleFixture(tree);
    for (int v = 0; v <= VERSIONS; v++) {
      fixture.version(MODULE, MODULE, "v1.0." + v, Map.of("go.mod", "module " + MODULE + "\n", "a.go", "package a\n"));
    }
    GoproxyDirServer upstream = GoproxyDirServer.start(vertx, tree);
    MirrorHarness mirror = MirrorHarness.start(tmp.resolve("data"), upstream.baseUrl());
    HttpClientAgent client = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(mirror.port()).setKeepAlive(true)
            .setConnectTimeout(10_000).setIdleTimeout(60),
        new PoolOptions().setHttp1MaxSize(CONNECTIONS).setMaxWaitQueueSize(-1));
    try {
      for (int v = 0; v < WARM; v++) {
        for (String kind : new String[] {"info", "mod", "zip"}) {
          assertThat(mirror.get("/" + MODULE + "/@v/v1.0." + v + "." + kind).statusCode()).isEqualTo(200);
        }
      }
      Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
      AtomicLong missingRetryAfter = new AtomicLong();
      List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger sequence = new AtomicInteger();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
      List<Future<Void>> loops = new ArrayList<>();
      for (int c = 0; c < CONNECTIONS; c++) {
        Promise<Void> done = Promise.promise();
        loops.add(done.future());
        loop(client, sequence, deadline, statuses, missingRetryAfter, errors, done);
      }
      Future.join(loops).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);

      assertThat(errors).as("requests without an answer").isEmpty();
      assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(200, 404, 503);
      assertThat(missingRetryAfter.get()).as("503 without Retry-After").isZero();
      assertThat(statuses.get(200)).as("statuses %s", statuses).isNotNull();
      assertThat(statuses.values().stream().mapToLong(AtomicLong::get).sum()).isGreaterThanOrEqualTo(CONNECTIONS);

      assertThat(mirror.get("/" + MODULE + "/@v/v1.0.0.zip").statusCode()).isEqualTo(200);
      assertThat(mirror.get("/" + MODULE + "/@v/v1.0." + VERSIONS + ".info").statusCode()).isEqualTo(200);
      assertThat(mirror.get("/healthz").statusCode()).isEqualTo(200);
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      mirror.close();
      upstream.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** One connection's requests, one after the other until the deadline: hits, misses and unknown versions. */
  private static void loop(HttpClientAgent client, AtomicInteger sequence, long deadline,
      Map<Integer, AtomicLong> statuses, AtomicLong missingRetryAfter, List<Throwable> errors, Promise<Void> done) {
    if (System.nanoTime() > deadline) {
      done.complete();
      return;
    }
    int n = sequence.incrementAndGet();
    String kind = new String[] {"info", "mod", "zip"}[n % 3];
    String path;
    if (n % 10 == 0) {
      path = "/" + MODULE + "/@v/v1.0." + (WARM + n / 10 % (VERSIONS - WARM)) + "." + kind;
    } else if (n % 10 == 1) {
      path = "/" + MODULE + "/@v/v9.9." + n + ".info";
    } else {
      path = "/" + MODULE + "/@v/v1.0." + n % WARM + "." + kind;
    }
    client.request(HttpMethod.GET, path)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> {
          statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
          if (response.statusCode() == 503 && response.getHeader("Retry-After") == null) {
            missingRetryAfter.incrementAndGet();
          }
          return response;
        }))
        .onComplete(ar -> {
          if (ar.failed()) {
            errors.add(ar.cause());
            done.complete();
          } else {
            loop(client, sequence, deadline, statuses, missingRetryAfter, errors, done);
          }
        });
  }
}
