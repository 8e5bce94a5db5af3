package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mirror launched as its own JVM from the test class path ({@code java ... Main}), as an
 * operator runs it, so that tests can send it real signals: SIGTERM for an orderly stop, SIGKILL
 * for a crash. It listens on a free loopback port, keeps its data and a private {@code
 * java.io.tmpdir} under its directory, and writes both output streams to {@code stdout.log} there.
 * Never outlives the test JVM.
 */
public final class ChildMirror implements AutoCloseable {
  private static final String MAIN = "io.goproxymirror.mirror.Main";
  private static final Pattern STARTED = Pattern.compile("event=started .*?port=(\\d+)");

  private final Process process;
  private final Path dir;
  private final int port;

  private ChildMirror(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Starts a mirror in {@code dir} (created) with the environment {@code env} on top of: a free
   * port on 127.0.0.1, the data directory {@code dir/data} and no shutdown delay (a test that
   * looks at the delay sets {@code MIRROR_SERVER_SHUTDOWN_DELAY}). Returns once it logged that it
   * started (60 s at most).
   */
  public static ChildMirror start(Path dir, Map<String, String> env, String... args) {
    Path tmp = dir.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"),
        MAIN));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("MIRROR_"));
    builder.environment().put("MIRROR_PORT", "0");
    builder.environment().put("MIRROR_SERVER_HOST", "127.0.0.1");
    builder.environment().put("MIRROR_DATA_DIR", dir.resolve("data").toString());
    builder.environment().put("MIRROR_SERVER_SHUTDOWN_DELAY", "0s");
    builder.environment().putAll(env);
    Process process = ChildProcesses.start(builder);
    return new ChildMirror(process, dir, awaitStarted(process, dir));
  }

  private static int awaitStarted(Process process, Path dir) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher started = STARTED.matcher(read(dir.resolve("stdout.log")));
      if (started.find()) {
        return Integer.parseInt(started.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the mirror exited with " + process.exitValue() + ": "
            + ChildProcesses.tail(dir, "stdout.log"));
      }
      sleep(50);
    }
    ChildProcesses.kill(process);
    throw new IllegalStateException("the mirror did not start in 60 s: " + ChildProcesses.tail(dir, "stdout.log"));
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The private {@code java.io.tmpdir} of the process. */
  public Path tmpDir() {
    return dir.resolve("tmp");
  }

  /** Everything the process wrote so far. */
  public String output() {
    return read(dir.resolve("stdout.log"));
  }

  /** Waits up to {@code bound} until the process's output has a line containing {@code marker}. */
  public void awaitOutput(String marker, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!output().contains(marker)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no \"" + marker + "\" in the mirror's output within " + bound + ": "
            + ChildProcesses.tail(dir, "stdout.log"));
      }
      sleep(50);
    }
  }

  /** Sends SIGTERM, as an orchestrator stopping the process does. */
  public void terminate() {
    ChildProcesses.signal(process, "-TERM");
  }

  /** Kills the process with SIGKILL (no shutdown hook runs) and waits until it is gone. */
  public void kill() {
    ChildProcesses.kill(process);
  }

  /** Whether the process still runs. */
  public boolean alive() {
    return process.isAlive();
  }

  /** Waits up to {@code bound} for the process to exit; its exit code, or empty if it still runs. */
  public OptionalInt awaitExit(Duration bound) {
    try {
      if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        return OptionalInt.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return OptionalInt.of(process.exitValue());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      ChildProcesses.kill(process);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
