package io.goproxymirror.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("sumdb.* and nosumdb")
class SumdbConfigTest {

  @Test
  @DisplayName("defaults proxy sum.golang.org with one-hour TTLs and no nosumdb patterns")
  void defaults() {
    SumdbConfig sumdb = ConfigLoader.defaults().sumdb();
    assertThat(sumdb.databases()).containsExactly(new SumdbDatabase("sum.golang.org", "https://sum.golang.org"));
    assertThat(sumdb.noSumdb().isEmpty()).isTrue();
    assertThat(sumdb.lookupTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(sumdb.tileTtl()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  @DisplayName("reads the environment variables")
  void environment() {
    SumdbConfig sumdb = ConfigLoader.load(Optional.empty(), Map.of(
        "MIRROR_SUMDB_DATABASES", " sum.golang.org=https://sum.golang.org/ , sum.corp.example.com=http://10.0.0.1:8080/db/",
        "MIRROR_NOSUMDB", "*.corp.example.com",
        "MIRROR_SUMDB_LOOKUP_TTL", "5m",
        "MIRROR_SUMDB_TILE_TTL", "30s")).sumdb();
    assertThat(sumdb.databases()).containsExactly(
        new SumdbDatabase("sum.golang.org", "https://sum.golang.org"),
        new SumdbDatabase("sum.corp.example.com", "http://10.0.0.1:8080/db"));
    assertThat(sumdb.noSumdb().matches("git.corp.example.com/a/b")).isTrue();
    assertThat(sumdb.lookupTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(sumdb.tileTtl()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  @DisplayName("an empty list proxies no database")
  void empty() {
    assertThat(SumdbDatabases.parse("")).isEmpty();
    assertThat(SumdbDatabases.parse("  ")).isEqualTo(List.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sum.golang.org",
      "sum.golang.org=",
      "=https://sum.golang.org",
      "sum/golang=https://sum.golang.org",
      "../x=https://sum.golang.org",
      "a..b=https://sum.golang.org",
      "sum.golang.org+033de0ae=https://sum.golang.org",
      "sum.golang.org=ftp://sum.golang.org",
      "sum.golang.org=https://user:pw@sum.golang.org",
      "sum.golang.org=https://sum.golang.org?x=1",
      "sum.golang.org=https://sum.golang.org,",
      "a.org=https://a.org,a.org=https://b.org"})
  @DisplayName("refuses malformed entries with a message naming the key")
  void refuses(String value) {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("MIRROR_SUMDB_DATABASES", value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sumdb.databases")
        .hasMessageNotContaining("pw");
  }
}
