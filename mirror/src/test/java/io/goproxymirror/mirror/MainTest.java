package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("the launcher")
class MainTest {
  @TempDir Path tmp;

  @Test
  @DisplayName("stops with exit code 2 and a message naming the key when the config has an unknown key")
  void unknownKey() throws Exception {
    Path config = tmp.resolve("mirror.yaml");
    Files.writeString(config, "server:\n  prot: 3000\n");
    Run run = run("--config", config.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.stderr()).contains("server.prot").contains("server.port");
  }

  @Test
  @DisplayName("stops with exit code 2 when a value is bad")
  void badValue() throws Exception {
    Path config = tmp.resolve("mirror.yaml");
    Files.writeString(config, "cache:\n  list-ttl: soon\n");
    Run run = run("--config", config.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.stderr()).contains("cache.list-ttl");
  }

  @Test
  @DisplayName("rejects an unknown role")
  void badRole() {
    Run run = run("--role", "sidecar");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.stderr()).contains("--role");
  }

  private record Run(int code, String stderr) {}

  private static Run run(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new Main()).execute(args);
      return new Run(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }
}
