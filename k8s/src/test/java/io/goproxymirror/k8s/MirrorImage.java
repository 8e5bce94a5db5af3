package io.goproxymirror.k8s;

import io.goproxymirror.mirror.testkit.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * The mirror's container image, built with podman from the repository's {@code Dockerfile} at most
 * once per test run (every test class that needs it shares the build). When the build knows the
 * Maven local repository ({@code maven.local.repository}, set by the k8s module's Surefire
 * configuration), the image's build stage reads it read-only and runs Maven offline.
 */
final class MirrorImage {

  static final String TAG = "localhost/goproxy-mirror:test";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

  private static String built;
  private static Duration buildTime;

  private MirrorImage() {}

  /** The image tag, building the image first if this run has not built it yet. */
  static synchronized String build(Podman podman) {
    if (built == null) {
      long start = System.nanoTime();
      ProcessResult result = podman.run(BUILD_TIMEOUT, buildArguments());
      if (!result.succeeded()) {
        Assertions.fail("the image did not build (without registry access the base image must be made"
            + " first: k8s/test/podman-setup.sh)\n" + result.describe());
      }
      buildTime = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("event=image_built tag=" + TAG + " seconds=" + buildTime.toSeconds());
      built = TAG;
    }
    return built;
  }

  /** How long this run's build took (null before {@link #build}). */
  static synchronized Duration buildTime() {
    return buildTime;
  }

  /** The repository root: the parent of the k8s module, where the Dockerfile is. */
  static Path repositoryRoot() {
    Path root = Path.of("").toAbsolutePath().getParent();
    if (root == null || !Files.isRegularFile(root.resolve("Dockerfile"))) {
      return Assertions.fail("no Dockerfile in the parent of " + Path.of("").toAbsolutePath());
    }
    return root;
  }

  private static List<String> buildArguments() {
    List<String> args = new ArrayList<>(List.of("build", "--layers", "--tag", TAG));
    String repository = System.getProperty("maven.local.repository", "");
    if (!repository.isBlank() && Files.isDirectory(Path.of(repository))) {
      args.addAll(List.of("--volume", repository + ":/root/.m2/repository:ro",
          "--build-arg", "MAVEN_FLAGS=-o"));
    }
    args.add(repositoryRoot().toString());
    return args;
  }
}
