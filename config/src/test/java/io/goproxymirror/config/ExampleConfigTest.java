package io.goproxymirror.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
    Map<ConfigKey, RawValue> values = ConfigFile.read(EXAMPLE, EXAMPLE.toString(), Map.of());

    for (ConfigKey key : ConfigKey.values()) {
      assertThat(values).as(key.path()).containsKey(key);
      assertThat(values.get(key).text()).as(key.path()).isEqualTo(key.defaultText());
      assertThat(text).as(key.path()).contains("env " + key.namedEnvVar().orElse(key.genericEnvVar()));
      assertThat(text).as(key.path()).contains(key.genericEnvVar());
    }
  }
}
