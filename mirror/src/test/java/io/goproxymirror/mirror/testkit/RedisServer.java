package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A real {@code redis-server} child process on a free port of 127.0.0.1, with its own directory,
 * no persistence ({@code --save ''}, {@code --appendonly no}) and its log in {@code redis.log}.
 * Start waits until it answers {@code PING} (a {@code NOAUTH} error counts). {@link #stop()}
 * kills it like a crash, {@link #restart()} starts it again on the same port (empty), {@link
 * #pause()} and {@link #resume()} freeze and thaw it (SIGSTOP, SIGCONT) so that it accepts
 * connections but never answers. {@link #close()}, and a shutdown hook for servers a test forgot,
 * always kill it. Skips the test when {@code redis-server} is absent, see {@link RequiredTools}.
 */
public final class RedisServer implements AutoCloseable {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

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
    kill(process);
  }

  /** Stops the server if it runs, then starts it again on the same port, with no data. */
  public synchronized void restart() {
    stop();
    process = spawn(command.apply(port), dir);
    awaitReady(process, port, dir);
  }

  /** Freezes the server (SIGSTOP): connections are accepted by the kernel, nothing is answered. */
  public void pause() {
    signal("-STOP");
  }

  /** Thaws a paused server (SIGCONT). */
  public void resume() {
    signal("-CONT");
  }

  /** The server's log, for messages. */
  public String log() {
    return readLog(dir);
  }

  @Override
  public synchronized void close() {
    kill(process);
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static RedisServer launch(Path dir, boolean clusterBus, IntFunction<List<String>> command) {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freePort(clusterBus);
      Process process = spawn(command.apply(port), dir);
      try {
        awaitReady(process, port, dir);
        return new RedisServer(dir, command, port, process);
      } catch (IllegalStateException e) {
        kill(process);
        last = e;
      }
    }
    throw last;
  }

  private static Process spawn(List<String> command, Path dir) {
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
      RUNNING.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
  }

  private static void awaitReady(Process process, int port, Path dir) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server on port " + port + " exited: " + readLog(dir));
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
    throw new IllegalStateException("redis-server on port " + port + " did not answer PING: " + readLog(dir));
  }

  private static void kill(Process process) {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server " + process.pid() + " did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(process);
  }

  /** A port of 127.0.0.1 that was free a moment ago, for a second listener such as {@code --tls-port}. */
  public static int freeLoopbackPort() {
    return freePort(false);
  }

  private static int freePort(boolean clusterBus) {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (!clusterBus) {
          return port;
        }
        if (port + 10000 <= 65535) {
          try (ServerSocket bus = new ServerSocket(port + 10000, 1, InetAddress.getLoopbackAddress())) {
            return port;
          } catch (IOException busTaken) {
            // try another
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port pair for a cluster node");
  }

  private static Path newDirectory(Path parent, String prefix) {
    try {
      return Files.createTempDirectory(Files.createDirectories(parent), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readLog(Path dir) {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("redis.log", "stdout.log")) {
      try {
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
          String content = Files.readString(file);
          text.append(content, Math.max(0, content.length() - 2000), content.length());
        }
      } catch (IOException ignored) {
        // best effort, for a message
      }
    }
    return text.toString().replace('\n', ' ').strip();
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
