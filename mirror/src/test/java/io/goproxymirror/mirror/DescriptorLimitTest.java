package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.GoproxyDirServer;
import io.goproxymirror.mirror.testkit.LoopbackPorts;
import io.goproxymirror.mirror.testkit.RequiredTools;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mirror started as its own JVM under {@code prlimit --nofile=256:256}, so running out of file
 * descriptors is real and does not touch the test JVM.
 */
@DisplayName("with a low descriptor limit the mirror warns at start, logs little when out of descriptors, and recovers")
class DescriptorLimitTest {
  private static final int LIMIT = 256;
  private static final int CONNECTIONS = 3 * LIMIT;
  private static final String MODULE = "example.com/fdlimit";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  @DisplayName("more connections than descriptors: no stack traces, a bounded log, served again once they close")
  void survivesDescriptorExhaustion(@TempDir Path tmp) throws Exception {
    Path prlimit = RequiredTools.require("prlimit");
    Vertx vertx = Vertx.vertx();
    Path tree = tmp.resolve("upstream");
    Files.createDirectories(tree);
    new ModuleFixture(tree).version(MODULE, MODULE, "v1.0.0", Map.of("go.mod", "module " + MODULE + "\n", "a.go", "package a\n"));
    GoproxyDirServer upstream = GoproxyDirServer.start(vertx, tree);
    int port = LoopbackPorts.free();
    Path log = tmp.resolve("mirror.log");
    ProcessBuilder builder = new ProcessBuilder(List.of(prlimit.toString(), "--nofile=" + LIMIT + ":" + LIMIT,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classPath(),
        Main.class.getName(), "--role", "mirror"))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("MIRROR_PORT", Integer.toString(port));
    env.put("MIRROR_SERVER_HOST", "127.0.0.1");
    env.put("MIRROR_SERVER_INSTANCES", "1");
    env.put("MIRROR_DATA_DIR", tmp.resolve("data").toString());
    env.put("MIRROR_UPSTREAM", upstream.baseUrl());
    env.put("MIRROR_SUMDB_DATABASES", "");
    env.put("MIRROR_FETCH_CONNECTIONS_PER_UPSTREAM", "2");
    env.put("MIRROR_FETCH_MAX_CONCURRENT", "4");
    env.put("MIRROR_STORAGE_IO_THREADS", "2");
    env.put("MIRROR_GIT_WORKERS", "1");
    // Silent connections must hold their descriptors for the whole test.
    env.put("MIRROR_SERVER_HEADER_TIMEOUT", "60s");
    Process mirror = builder.start();
    List<Socket> sockets = new ArrayList<>();
    try {
      awaitLine(mirror, log, "event=started");
      String base = "http://127.0.0.1:" + port;
      assertThat(get(base + "/healthz")).isEqualTo(200);
      // One miss first, so that the miss path's classes are loaded: this JVM loads them one file each
      // from a classes directory, which needs a free descriptor; the released jar keeps its one file open.
      assertThat(get(base + "/" + MODULE + "/@v/v1.0.0.mod")).isEqualTo(200);

      // More connections than the process has descriptors: the kernel queues them, the mirror
      // accepts until its connection budget is full or accept(2) fails with EMFILE. Here it is
      // EMFILE: the test class path keeps about 120 jars open, which the budget (made for one
      // jar) does not count, so accept failures are certain.
      for (int i = 0; i < CONNECTIONS; i++) {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        sockets.add(socket);
      }
      Thread.sleep(3000);
      for (Socket socket : sockets) {
        socket.close();
      }
      sockets.clear();

      int health = -1;
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (health != 200 && System.nanoTime() < until) {
        health = get(base + "/healthz");
      }
      // The descriptors of the closed connections come back as the server notices the closes; a
      // miss in that moment may still find none free (a busy answer). It must be served once they are.
      int miss = -1;
      long missUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (miss != 200 && System.nanoTime() < missUntil) {
        miss = get(base + "/" + MODULE + "/@v/v1.0.0.info");
        if (miss != 200) {
          Thread.sleep(200);
        }
      }
      String text = Files.readString(log);
      List<String> lines = text.lines().toList();
      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(health).as("serves /healthz after the connections closed").isEqualTo(200);
      soft.assertThat(miss).as("serves a miss afterwards").isEqualTo(200);
      soft.assertThat(text).as("start warning").contains("event=descriptor_limit_low limit=" + LIMIT);
      soft.assertThat(text).as("accept failures are reported").contains("event=accept_failed");
      soft.assertThat(lines).as("no stack trace").noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception:"));
      soft.assertThat(lines.size()).as("log lines:\n" + text).isLessThan(40);
      soft.assertAll();
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
      mirror.destroyForcibly();
      mirror.waitFor(10, TimeUnit.SECONDS);
      upstream.close();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private static int get(String url) {
    try {
      return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void awaitLine(Process process, Path log, String text) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the mirror did not log " + text + ": " + (Files.exists(log) ? Files.readString(log) : ""));
  }

  /** The test class path, as Surefire gives it (its own launcher jar only points at it). */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }
}
