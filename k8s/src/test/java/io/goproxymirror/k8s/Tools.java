package io.goproxymirror.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code kubectl kustomize DIR}, the command the README gives for rendering an overlay, and
 * finds the other programs the tests run. When a program is missing the calling test is skipped,
 * or fails when {@code MIRROR_REQUIRE_TOOLS} is set (CI sets it).
 */
final class Tools {
  static final String REQUIRE_ENV = "MIRROR_REQUIRE_TOOLS";
  private static final long TIMEOUT_SECONDS = 120;

  private Tools() {}

  /** The rendered YAML stream of the kustomization in {@code dir}. */
  static String kustomize(Path dir) {
    Path kubectl = locate();
    try {
      Path out = Files.createTempFile("kustomize", ".yaml");
      Path err = Files.createTempFile("kustomize", ".err");
      try {
        Process process = new ProcessBuilder(List.of(kubectl.toString(), "kustomize", dir.toString()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("kubectl kustomize " + dir + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
          throw new AssertionError("kubectl kustomize " + dir + " exited with " + process.exitValue() + ": "
              + Files.readString(err, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("could not run kubectl: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running kubectl", e);
    }
  }

  private static Path locate() {
    return require("kubectl", "'kubectl' (with its built-in kustomize) was not found on PATH");
  }

  /** The program {@code name} on PATH; skips or fails the calling test when it is absent. */
  static Path require(String name, String message) {
    Optional<Path> found = onPath(name);
    if (found.isPresent()) {
      return found.get();
    }
    String require = System.getenv(REQUIRE_ENV);
    if (require != null && !require.isBlank()) {
      return Assertions.fail(message + " and " + REQUIRE_ENV + " is set, so tests may not skip");
    }
    Assumptions.abort(message + "; skipping (set " + REQUIRE_ENV + "=1 to make this a failure)");
    throw new AssertionError("unreachable");
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }
}
