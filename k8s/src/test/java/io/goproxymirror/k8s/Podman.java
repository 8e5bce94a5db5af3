package io.goproxymirror.k8s;

import io.goproxymirror.mirror.testkit.ProcessResult;
import io.goproxymirror.mirror.testkit.RequiredTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * The podman command line, run as a child process with a bound on every call. Output is captured
 * through files (never a pipe that could fill up). When podman is not on PATH the calling test is
 * skipped, or fails when {@code MIRROR_REQUIRE_TOOLS} is set (CI).
 */
final class Podman {

  private final Path podman;

  private Podman(Path podman) {
    this.podman = podman;
  }

  /** The podman on PATH; skips or fails the calling test when it is absent. */
  static Podman require() {
    return new Podman(RequiredTools.require("podman"));
  }

  /** Runs {@code podman args...}; fails the test on timeout, never on a non-zero exit. */
  ProcessResult run(Duration timeout, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(podman.toString());
    command.addAll(args);
    Path out = tempFile("stdout");
    Path err = tempFile("stderr");
    try {
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return Assertions.fail("podman timed out after " + timeout + "\n"
            + new ProcessResult(command, -1, read(out), read(err)).describe());
      }
      return new ProcessResult(command, process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } finally {
      delete(out);
      delete(err);
    }
  }

  /** Runs {@code podman args...} with a one-minute bound; fails the test unless it exits 0. */
  ProcessResult check(String... args) {
    return check(Duration.ofMinutes(1), List.of(args));
  }

  /** Runs {@code podman args...}; fails the test unless it exits 0 within {@code timeout}. */
  ProcessResult check(Duration timeout, List<String> args) {
    ProcessResult result = run(timeout, args);
    if (!result.succeeded()) {
      Assertions.fail(result.describe());
    }
    return result;
  }

  private static Path tempFile(String kind) {
    try {
      return Files.createTempFile("podman-", "." + kind);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
