package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A real {@code redis-server} child process on a free port of 127.0.0.1, with its own directory,
 * no persistence ({@code --save ''}, {@code --appendonly no}) and its log in {@code redis.log}.
 * Start waits until it answers {@code PING} (a {@code NOAUTH} error counts). {@link #stop()}
 * kills it like a crash, {@link #restart()} starts it again on the same port (empty), {@link
 * #pause()} and {@link #resume()} freeze and thaw it (SIGSTOP, SIGCONT) so that it accepts
 * connections but never answers. {@link #close()} kills it, and {@link ChildProcesses} kills the
 * servers a test forgot when the JVM exits. Skips the test when {@code redis-server} is absent, see {@link RequiredTools}.
 */
public final class RedisServer implements AutoCloseable {
  private final Path dir;
  private final IntFunction<List<String>> command;
  private final int port;
  private Process process;

  private RedisServer(Path dir, IntFunction<List<String>> command, int port, Process process) {
    this.dir = dir;
    this.command = command;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts a server in a new directory under {@code parent}. With {@code --cluster-enabled} among
   * {@code extraArgs}, the port is chosen so that the cluster bus port (port + 10000) is free too.
   *
   * @param extraArgs more {@code --option value} arguments, such as {@code --requirepass pw}
   */
  public static RedisServer start(Path parent, String... extraArgs) {
    Path binary = RequiredTools.redisServer();
    Path dir = newDirectory(parent, "redis");
    List<String> extra = List.of(extraArgs);
    return launch(dir, extra.contains("--cluster-enabled"), port -> {
      List<String> args = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
          "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
          "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
      args.addAll(extra);
      return args;
    });
  }

  /**
   * Starts a sentinel monitoring {@code master} as {@code masterName} (quorum 1).
   *
   * @param confLines more sentinel configuration lines, such as {@code sentinel auth-pass m pw}
   */
  public static RedisServer startSentinel(Path parent, RedisServer master, String masterName, String... confLines) {
    Path binary = RequiredTools.redisServer();
    Path dir = newDirectory(parent, "sentinel");
    Path conf = dir.resolve("sentinel.conf");
    return launch(dir, false, port -> {
      List<String> lines = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + dir,
          "logfile " + dir.resolve("redis.log"), "daemonize no",
          "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1"));
      lines.addAll(List.of(confLines));
      try {
        Files.write(conf, lines);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return List.of(binary.toString(), conf.toString(), "--sentinel");
    });
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Kills the server (SIGKILL, as a crash would) and waits for it to exit. */
  public synchronized void stop() {
    ChildProcesses.kill(process);
  }

  /** Stops the server if it runs, then starts it again on the same port, with no data. */
  public synchronized void restart() {
    stop();
    process = ChildProcesses.spawn(command.apply(port), dir);
    awaitReady(process, port, dir);
  }

  /** Freezes the server (SIGSTOP): connections are accepted by the kernel, nothing is answered. */
  public synchronized void pause() {
    ChildProcesses.signal(process, "-STOP");
  }

  /** Thaws a paused server (SIGCONT). */
  public synchronized void resume() {
    ChildProcesses.signal(process, "-CONT");
  }

  /** The server's log, for messages. */
  public String log() {
    return ChildProcesses.tail(dir, "redis.log", "stdout.log");
  }

  @Override
  public synchronized void close() {
    ChildProcesses.kill(process);
  }

  private static RedisServer launch(Path dir, boolean clusterBus, IntFunction<List<String>> command) {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = clusterBus ? LoopbackPorts.freeWithClusterBus() : LoopbackPorts.free();
      Process process = ChildProcesses.spawn(command.apply(port), dir);
      try {
        awaitReady(process, port, dir);
        return new RedisServer(dir, command, port, process);
      } catch (IllegalStateException e) {
        ChildProcesses.kill(process);
        last = e;
      }
    }
    throw last;
  }

  private static void awaitReady(Process process, int port, Path dir) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server on port " + port + " exited: " + ChildProcesses.tail(dir, "redis.log", "stdout.log"));
      }
      try {
        Object reply = RespClient.call(port, "PING");
        if ("PONG".equals(reply) || String.valueOf(reply).startsWith("-NOAUTH")) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      sleep(20);
    }
    throw new IllegalStateException("redis-server on port " + port + " did not answer PING: " + ChildProcesses.tail(dir, "redis.log", "stdout.log"));
  }

  private static Path newDirectory(Path parent, String prefix) {
    try {
      return Files.createTempDirectory(Files.createDirectories(parent), prefix);
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
