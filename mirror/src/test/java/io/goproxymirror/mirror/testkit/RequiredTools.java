package io.goproxymirror.mirror.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates external programs that tests need. When a program is missing the test is skipped,
 * unless the environment variable {@value #REQUIRE_ENV} is non-empty (CI sets it), in which case
 * the test fails.
 */
public final class RequiredTools {

  public static final String REQUIRE_ENV = "MIRROR_REQUIRE_TOOLS";

  private RequiredTools() {}

  /** The {@code go} binary on PATH. */
  public static Path go() {
    return require("go");
  }

  /** The {@code git} binary on PATH. */
  public static Path git() {
    return require("git");
  }

  /** The {@code redis-server} binary on PATH (Debian/Ubuntu package {@code redis-server}). */
  public static Path redisServer() {
    return require("redis-server");
  }

  /** The {@code redis-cli} binary on PATH (package {@code redis-tools}, installed with the server). */
  public static Path redisCli() {
    return require("redis-cli");
  }

  /** An executable named {@code name} on PATH; skips or fails the calling test when absent. */
  public static Path require(String name) {
    Optional<Path> found = find(name);
    if (found.isPresent()) {
      return found.get();
    }
    String message = "'" + name + "' was not found on PATH";
    if (toolsRequired()) {
      return Assertions.fail(message + " and " + REQUIRE_ENV + " is set, so tests may not skip");
    }
    Assumptions.abort(message + "; skipping (set " + REQUIRE_ENV + "=1 to make this a failure)");
    throw new AssertionError("unreachable");
  }

  /** The executable named {@code name} on PATH, if any. */
  public static Optional<Path> find(String name) {
    String path = System.getenv("PATH");
    if (path == null || path.isEmpty()) {
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

  /** Whether missing tools must fail tests instead of skipping them. */
  public static boolean toolsRequired() {
    String value = System.getenv(REQUIRE_ENV);
    // Surefire (mirror/pom.xml) passes an unset variable through as an empty string.
    return value != null && !value.isBlank();
  }
}
