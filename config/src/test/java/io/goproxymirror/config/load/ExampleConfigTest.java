package io.goproxymirror.config.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.ConfigFiles;
import io.goproxymirror.config.git.GitConfig;
import io.goproxymirror.config.source.RawValue;
import io.goproxymirror.config.upstream.UpstreamTimeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("examples/mirror.yaml")
class ExampleConfigTest {

  private static final Path EXAMPLE = Path.of("examples", "mirror.yaml");

  @Test
  @DisplayName("loads to exactly the defaults")
  void equalsDefaults() {
    assertThat(ConfigLoader.load(Optional.of(EXAMPLE), Map.of()))
        .isEqualTo(ConfigLoader.defaults());
  }

  @Test
  @DisplayName("sets every key to its default text and names its environment variables")
  void documentsEveryKey() throws IOException {
    String text = Files.readString(EXAMPLE);
    FileSettings settings = ConfigFile.read(EXAMPLE, EXAMPLE.toString(), Map.of());
    Map<Key<?>, RawValue> values = settings.values();

    for (Key<?> key : ConfigKeys.all()) {
      assertThat(values).as(key.path()).containsKey(key);
      assertThat(values.get(key).text()).as(key.path()).isEqualTo(key.defaultText());
      assertThat(text).as(key.path()).contains("env " + key.namedEnvVar().orElse(key.genericEnvVar()));
      assertThat(text).as(key.path()).contains(key.genericEnvVar());
    }
    for (ListKey key : ListKey.values()) {
      assertThat(settings.lists()).as(key.path()).containsEntry(key, List.of());
    }
  }

  @Test
  @DisplayName("has a commented example of every list, with every key of its entries, that loads")
  void listExamplesLoad(@TempDir Path dir) throws IOException {
    String text = Files.readString(EXAMPLE);
    for (ListKey key : ListKey.values()) {
      String leaf = key.path().substring(key.path().lastIndexOf('.') + 1);
      String example = commentedExample(text, leaf, key.path().contains(".") ? "  " : "");
      for (String field : key.fields()) {
        assertThat(example).as(key.path()).contains(field + ":");
      }
    }
    String credentials = commentedExample(text, "credentials");
    Path key = Files.writeString(dir.resolve("key"), "not a real key");
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    Path token = Files.writeString(dir.resolve("token"), "t");
    String yaml =
        "git:\n"
            + commentedExample(text, "rewrites").indent(2)
            + commentedExample(text, "repositories").indent(2)
            + credentials
                .replace("/run/secrets/mirror-ed25519", key.toString())
                .replace("/etc/goproxy-mirror/known_hosts", knownHosts.toString())
                .replace("/run/secrets/github-token", token.toString())
                .indent(2);
    Map<String, String> env = Map.of("CORP_GIT_TOKEN", "x", "MIRROR_KEY_PASSPHRASE", "y");

    GitConfig git = ConfigLoader.load(Optional.of(ConfigFiles.write(dir, yaml)), env).git();

    assertThat(git.rewrites()).hasSize(2);
    assertThat(git.repositories()).hasSize(2);
    assertThat(git.credentials()).hasSize(3);
    String routes = commentedExample(text, "routes", "");
    assertThat(ConfigLoader.load(Optional.of(ConfigFiles.write(dir, routes)), Map.of()).routes())
        .hasSize(2);

    String overrides = "upstream-timeouts:\n" + commentedExample(text, "overrides").indent(2);
    UpstreamTimeouts timeouts =
        ConfigLoader.load(Optional.of(ConfigFiles.write(dir, overrides)), Map.of()).upstreamTimeouts();
    assertThat(timeouts.overrides()).hasSize(2);
  }

  private static String commentedExample(String text, String name) {
    return commentedExample(text, name, "  ");
  }

  /**
   * The commented lines after "#   name:" indented by {@code indent}, uncommented, up to the next
   * line that is not such.
   */
  private static String commentedExample(String text, String name, String indent) {
    String prefix = indent + "#   ";
    List<String> lines = text.lines().toList();
    int start = lines.indexOf(prefix + name + ":");
    assertThat(start).as(name).isNotNegative();
    StringBuilder out = new StringBuilder();
    for (int i = start; i < lines.size() && lines.get(i).startsWith(prefix); i++) {
      out.append(lines.get(i).substring(prefix.length())).append('\n');
    }
    return out.toString();
  }
}
