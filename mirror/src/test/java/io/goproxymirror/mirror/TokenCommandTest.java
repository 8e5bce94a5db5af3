package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.auth.users.Users;
import io.goproxymirror.mirror.auth.users.UsersFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the token command")
class TokenCommandTest {
  private static final Pattern TOKEN = Pattern.compile("(?m)^token: ([A-Za-z0-9_-]+)$");

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.commandLine(Map.of()).execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
  }

  private static void assertUsable(String output, String name, String... groups) {
    Matcher m = TOKEN.matcher(output);
    assertThat(m.find()).as("a token line in %s", output).isTrue();
    String token = m.group(1);
    assertThat(Base64.getUrlDecoder().decode(token)).hasSizeGreaterThanOrEqualTo(32);
    String entry = output.substring(output.indexOf("  - name:"));
    Users users = UsersFile.parse(("users:\n" + entry).getBytes(StandardCharsets.UTF_8), "pasted");
    assertThat(users.checkBasic(name, token).orElseThrow().groups()).containsExactlyInAnyOrder(groups);
    assertThat(entry).doesNotContain(token);
  }

  @Test
  @DisplayName("prints a new token and the users-file entry that admits it")
  void prints() {
    Run first = run("token", "ci-bot", "--groups", "ci,developers");
    assertThat(first.code()).isZero();
    assertUsable(first.out(), "ci-bot", "ci", "developers");
    Run second = run("token", "ci-bot", "--groups", "ci,developers");
    assertThat(TOKEN.matcher(second.out()).results().findFirst().orElseThrow().group(1))
        .isNotEqualTo(TOKEN.matcher(first.out()).results().findFirst().orElseThrow().group(1));
    Run noGroups = run("token", "reader");
    assertThat(noGroups.code()).isZero();
    assertUsable(noGroups.out(), "reader");
  }

  @Test
  @DisplayName("refuses a name the users file would refuse, with exit code 2")
  void refuses() {
    Run bad = run("token", "ci:bot");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("error:").contains("name");
  }

  @Test
  @DisplayName("runs as a process through Main's command dispatch")
  void asProcess() throws Exception {
    Process process = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "token", "ci-bot", "--groups", "ci"))
        .redirectErrorStream(true)
        .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertUsable(output, "ci-bot", "ci");
  }
}
