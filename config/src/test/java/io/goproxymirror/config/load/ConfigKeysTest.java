package io.goproxymirror.config.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.SumdbDatabase;
import io.goproxymirror.config.source.RawValue;
import io.goproxymirror.config.upstream.UpstreamEntry;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ConfigKeys")
class ConfigKeysTest {

  @Test
  @DisplayName("declares each key once, with a one-line description and its own variables")
  void declarations() {
    Set<String> paths = new HashSet<>();
    Set<String> variables = new HashSet<>();
    for (Key<?> key : ConfigKeys.all()) {
      assertThat(paths.add(key.path())).as(key.path()).isTrue();
      assertThat(key.description()).as(key.path()).isNotBlank().doesNotContain("\n");
      assertThat(variables.add(key.genericEnvVar())).as(key.path()).isTrue();
      key.namedEnvVar().ifPresent(v -> assertThat(variables.add(v)).as(key.path()).isTrue());
      assertThat(KeyPaths.byPath(key.path())).as(key.path()).containsSame(key);
    }
  }

  @Test
  @DisplayName("hands back every default as the type its key declares")
  void typedDefaults() {
    ConfigValues values = ConfigValues.convert(defaults());
    int port = values.get(ConfigKeys.SERVER_PORT);
    assertThat(port).isEqualTo(3000);
    assertThat(values.get(ConfigKeys.SYNC_WATCHLIST)).isEmpty();
    assertThat(values.get(ConfigKeys.METADATA_REDIS_ENDPOINTS)).isEmpty();
    assertThat(values.get(ConfigKeys.SUMDB_DATABASES)).extracting(SumdbDatabase::name)
        .containsExactly("sum.golang.org");
    assertThat(values.raw(ConfigKeys.SERVER_PORT)).isEqualTo(new RawValue("3000", "server.port"));
  }

  @Test
  @DisplayName("parses the upstream list once, at load, and keeps its text")
  void upstreamParsedAtLoad() {
    MirrorConfig config = ConfigLoader.defaults();
    assertThat(config.upstreamList().entries())
        .containsExactly(UpstreamEntry.proxy("https://proxy.golang.org", false), UpstreamEntry.direct());
    assertThat(config.upstream()).isEqualTo(config.upstreamList().text())
        .isEqualTo("https://proxy.golang.org,direct");
  }

  private static Map<Key<?>, RawValue> defaults() {
    Map<Key<?>, RawValue> raw = new LinkedHashMap<>();
    for (Key<?> key : ConfigKeys.all()) {
      raw.put(key, new RawValue(key.defaultText(), key.path()));
    }
    return raw;
  }
}
