package io.goproxymirror.k8s;

import io.goproxymirror.mirror.testkit.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code kubectl kustomize DIR}, the command the README gives for rendering an overlay. When
 * kubectl is missing the calling test is skipped, or fails when {@code MIRROR_REQUIRE_TOOLS} is set
 * (CI sets it), as {@link RequiredTools} does for every program the tests run.
 */
final class Tools {
  private static final long TIMEOUT_SECONDS = 120;

  private Tools() {}

  /** The rendered YAML stream of the kustomization in {@code dir}. */
  static String kustomize(Path dir) {
    Path kubectl = RequiredTools.require("kubectl");
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
}
