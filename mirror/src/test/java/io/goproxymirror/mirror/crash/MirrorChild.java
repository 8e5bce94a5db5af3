package io.goproxymirror.mirror.crash;

import io.goproxymirror.mirror.testkit.ChildProcesses;
import io.goproxymirror.mirror.testkit.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mirror as a child JVM ({@code java -cp <test classpath> io.goproxymirror.mirror.Main --role
 * mirror}), configured by environment variables, on a free loopback port; killed with SIGKILL.
 */
final class MirrorChild {
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);
  private final Process process;
  private final int port;
  private final Path logDir;

  private MirrorChild(Process process, int port, Path logDir) {
    this.process = process;
    this.port = port;
    this.logDir = logDir;
  }

  /**
   * Starts a mirror over {@code dataDir} with {@code upstream} and {@code extraEnv}; returns once it
   * is ready. A port taken between its choice and the child's bind costs one more attempt.
   */
  static MirrorChild start(Path dataDir, String upstream, Map<String, String> extraEnv, Path logDir, HttpClient http) {
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    IllegalStateException failed = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      MirrorChild child = spawn(dataDir, upstream, extraEnv, logDir, LoopbackPorts.free());
      try {
        child.awaitReady(http);
        return child;
      } catch (IllegalStateException exited) {
        failed = exited;
      }
    }
    throw failed;
  }

  private static MirrorChild spawn(Path dataDir, String upstream, Map<String, String> extraEnv, Path logDir, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("MIRROR_PORT", Integer.toString(port));
    env.put("MIRROR_SERVER_HOST", "127.0.0.1");
    env.put("MIRROR_DATA_DIR", dataDir.toString());
    env.put("MIRROR_UPSTREAM", upstream);
    env.put("MIRROR_UPSTREAM_TIMEOUTS_TOTAL", "30s");
    env.put("MIRROR_SERVER_INSTANCES", "2");
    env.putAll(extraEnv);
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        "io.goproxymirror.mirror.Main", "--role", "mirror");
    return new MirrorChild(ChildProcesses.spawn(command, logDir, env), port, logDir);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Waits until the mirror's output has a line containing {@code marker}. */
  void awaitLog(String marker, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    Path out = logDir.resolve("stdout.log");
    while (System.nanoTime() < deadline) {
      try {
        if (Files.exists(out) && Files.readString(out, java.nio.charset.StandardCharsets.UTF_8).contains(marker)) {
          return;
        }
        Thread.sleep(50);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no \"" + marker + "\" in the mirror's output within " + within + ": "
        + ChildProcesses.tail(logDir, "stdout.log"));
  }

  /** SIGKILL, then waits for the exit. */
  void kill() {
    ChildProcesses.kill(process);
  }

  private void awaitReady(HttpClient http) {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the mirror exited with " + process.exitValue() + ": "
            + ChildProcesses.tail(logDir, "stdout.log"));
      }
      try {
        HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/readyz"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    kill();
    throw new IllegalStateException("the mirror was not ready within " + READY_WITHIN + ": "
        + ChildProcesses.tail(logDir, "stdout.log"));
  }
}
