package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A data directory left by a crash between storing a zip and updating its module's list. */
@DisplayName("list files are repaired at start")
class ListRepairTest {
  private static final String M = "example.org/crash200";

  @TempDir Path tmp;

  @Test
  @Timeout(60)
  @DisplayName("a stored zip whose version the list misses is added to the list at start, and served")
  void staleListRepaired() throws Exception {
    Path data = tmp.resolve("data");
    Path versions = Files.createDirectories(data.resolve(M + "/@v"));
    byte[] mod = ("module " + M + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] zip = ModuleFixture.zip(Map.of(M + "@v1.1.0/go.mod", mod));
    Files.write(versions.resolve("v1.0.0.zip"), ModuleFixture.zip(Map.of(M + "@v1.0.0/go.mod", mod)));
    Files.write(versions.resolve("v1.1.0.zip"), zip);
    Files.writeString(versions.resolve("list"), "v1.0.0\n");

    try (MirrorHarness mirror = MirrorHarness.start(data, "off")) {
      Path list = versions.resolve("list");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!read(list).contains("v1.1.0") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(read(list)).isEqualTo("v1.0.0\nv1.1.0\n");
      HttpResponse<byte[]> served = mirror.get("/" + M + "/@v/v1.1.0.zip");
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.body()).isEqualTo(zip);
      assertThat(served.headers().firstValue("X-Cache")).hasValue("HIT");
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
