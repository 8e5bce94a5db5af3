package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Child processes of the tests (servers such as {@code redis-server}) that never outlive the JVM:
 * every process started here is killed by a shutdown hook unless it was killed before.
 */
final class ChildProcesses {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  private ChildProcesses() {}

  /** Starts {@code command} in {@code dir}, its output (both streams) going to {@code stdout.log}. */
  static Process spawn(List<String> command, Path dir) {
    return start(new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()));
  }

  /** Starts a process as {@code builder} describes it (its directory, environment and redirects). */
  static Process start(ProcessBuilder builder) {
    try {
      Process process = builder.start();
      RUNNING.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + builder.command().get(0), e);
    }
  }

  /** Kills {@code process} (SIGKILL, even when stopped) and waits for it to exit. */
  static void kill(Process process) {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("process " + process.pid() + " did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(process);
  }

  /** Sends {@code signal} (such as {@code -STOP}) to a process that is still alive. */
  static void signal(Process process, String signal) {
    if (!process.isAlive()) {
      throw new IllegalStateException("process " + process.pid() + " is not running");
    }
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

  /** The last 2000 characters of each of the named files in {@code dir}, on one line. */
  static String tail(Path dir, String... names) {
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      try {
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
          String content = Files.readString(file);
          text.append(content, Math.max(0, content.length() - 2000), content.length()).append(' ');
        }
      } catch (IOException ignored) {
        // best effort, for a message
      }
    }
    return text.toString().replace('\n', ' ').strip();
  }
}
