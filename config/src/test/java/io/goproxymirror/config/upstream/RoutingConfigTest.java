package io.goproxymirror.config.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.ConfigFiles;
import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("noproxy and routes")
class RoutingConfigTest {

  @TempDir Path dir;

  private MirrorConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.load(Optional.of(ConfigFiles.write(dir, yaml)), env);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> loading(String yaml) {
    Path file = ConfigFiles.write(dir, yaml);
    return assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith("config error: ").doesNotContain("\n"));
  }

  /** A routes list holding the given entries, written as YAML flow mappings. */
  private static String routes(String... entries) {
    StringBuilder yaml = new StringBuilder("routes:\n");
    for (String entry : entries) {
      yaml.append("  - {").append(entry).append("}\n");
    }
    return yaml.toString();
  }

  @Test
  @DisplayName("noproxy and routes are empty by default")
  void defaults() {
    MirrorConfig c = ConfigLoader.defaults();

    assertThat(c.noproxyPatterns().isEmpty()).isTrue();
    assertThat(c.routes()).isEmpty();
  }

  @Test
  @DisplayName("noproxy loads GOPRIVATE-style globs from the file and is overridden by MIRROR_NOPROXY")
  void noproxy() {
    MirrorConfig file = load("noproxy: \" *.corp.example.com , github.com/acme/\"\n", Map.of());
    MirrorConfig env = load("noproxy: a.example.com\n", Map.of("MIRROR_NOPROXY", "b.example.com/*"));

    assertThat(file.noproxyPatterns()).hasToString("*.corp.example.com,github.com/acme");
    assertThat(file.noproxyPatterns().matches("git.corp.example.com/x/y")).isTrue();
    assertThat(file.privatePatterns().isEmpty()).isTrue();
    assertThat(env.noproxyPatterns()).hasToString("b.example.com/*");
    assertThat(env.noproxyPatterns().matches("a.example.com/x")).isFalse();
    assertThat(env.toString()).contains("noproxyPatterns=b.example.com/*,");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("MIRROR_NOPROXY", "ok.example,[x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config error: MIRROR_NOPROXY (noproxy): invalid pattern \"[x\":"
                + " unterminated character class (missing ])");
    loading("noproxy: \"a.example.com b.example.com\"\n")
        .hasMessage(
            "config error: noproxy: invalid pattern \"a.example.com b.example.com\":"
                + " contains white space (separate with commas)");
  }

  @Test
  @DisplayName("routes load in order with their upstream lists and negative TTLs")
  void validRoutes() {
    MirrorConfig c = load(
        routes(
            "pattern: 'corp.example.com/*, *.corp.example.net', upstream: 'https://goproxy.corp.example.com|direct'",
            "pattern: github.com/acme, negative-ttl: 1s",
            "pattern: '*', upstream: 'https://bot:${TOKEN}@athens.example.org/,off', negative-ttl: 2m"),
        Map.of("TOKEN", "s3cret"));

    assertThat(c.routes()).hasSize(3);
    Route corp = c.routes().get(0);
    assertThat(corp.pattern()).hasToString("corp.example.com/*,*.corp.example.net");
    assertThat(corp.pattern().matches("corp.example.com/team")).isTrue();
    assertThat(corp.upstream()).hasValue("https://goproxy.corp.example.com|direct");
    assertThat(corp.negativeTtl()).isEmpty();
    Route acme = c.routes().get(1);
    assertThat(acme.upstream()).isEmpty();
    assertThat(acme.negativeTtl()).hasValue(Duration.ofSeconds(1));
    Route all = c.routes().get(2);
    assertThat(all.upstream()).hasValue("https://bot:s3cret@athens.example.org/,off");
    assertThat(all.negativeTtl()).hasValue(Duration.ofMinutes(2));
    assertThat(corp.upstreamList().orElseThrow().entries())
        .containsExactly(
            UpstreamEntry.proxy("https://goproxy.corp.example.com", true), UpstreamEntry.direct());
    assertThat(all.upstreamList().orElseThrow().entries())
        .containsExactly(UpstreamEntry.proxy("https://bot:s3cret@athens.example.org", false), UpstreamEntry.off());
    assertThat(acme.upstreamList()).isEmpty();
    assertThat(c.toString())
        .contains("upstream=https://***@athens.example.org/,off")
        .contains("negativeTtl=(global)")
        .doesNotContain("s3cret");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "upstream: direct | config error: routes[1].pattern: missing (each entry needs pattern)",
        "pattern: '', upstream: direct | config error: routes[1].pattern: must not be empty",
        "pattern: ' , ', upstream: direct | config error: routes[1].pattern: has no glob (write module path globs such as corp.example.com/*)",
        "pattern: 'a.example/[x', upstream: direct | config error: routes[1].pattern: invalid pattern \"a.example/[x\": unterminated character class (missing ])",
        "pattern: 'a.example b.example', upstream: direct | config error: routes[1].pattern: invalid pattern \"a.example b.example\": contains white space (separate with commas)",
        "pattern: a.example | config error: routes[1]: sets neither upstream nor negative-ttl, so it would change nothing (set one or both)",
        "pattern: a.example, upstream: '' | config error: routes[1].upstream: empty GOPROXY list (use a proxy URL, direct or off)",
        "pattern: a.example, upstream: 'https://a.example,,direct' | config error: routes[1].upstream: empty entry 2 in GOPROXY list \"https://a.example,,direct\"",
        "pattern: a.example, upstream: proxy | config error: routes[1].upstream: unknown GOPROXY keyword \"proxy\" (entries are direct, off or a proxy URL)",
        "pattern: a.example, upstream: 'file:///srv/proxy' | config error: routes[1].upstream: file:// upstreams are not supported by this server: \"file:///srv/proxy\" (use http or https)",
        "pattern: a.example, upstream: 'ftp://bot:pw@a.example' | config error: routes[1].upstream: unsupported upstream URL scheme in \"ftp://***@a.example\" (use https or http)",
        "pattern: a.example, negative-ttl: 0s | config error: routes[1].negative-ttl: must be a positive duration, got \"0s\"",
        "pattern: a.example, negative-ttl: 60 | config error: routes[1].negative-ttl: invalid duration \"60\"",
      })
  @DisplayName("checks each entry, naming its position")
  void badEntries(String entry, String message) {
    loading(routes("pattern: ok.example, upstream: direct", entry)).hasMessageStartingWith(message);
  }

  @Test
  @DisplayName("rejects unknown keys in entries, suggesting the closest, and the wrong shape")
  void unknownKeysAndShape() {
    loading(routes("pattern: a.example, upstreams: direct"))
        .hasMessage("config error: unknown key \"routes[0].upstreams\" (did you mean \"routes[0].upstream\"?)");
    loading(routes("pattern: a.example, negative_ttl: 1s"))
        .hasMessage(
            "config error: unknown key \"routes[0].negative_ttl\" (did you mean \"routes[0].negative-ttl\"?)");
    loading(routes("pattern: a.example, upstream: direct, comment: corp"))
        .hasMessage(
            "config error: unknown key \"routes[0].comment\" (keys of routes entries: pattern, upstream,"
                + " negative-ttl)");
    loading("routes: a.example\n")
        .hasMessage(
            "config error: routes: expected a list of mappings with keys pattern, upstream, negative-ttl,"
                + " found a value");
    loading("route: []\n").hasMessage("config error: unknown key \"route\" (did you mean \"routes\"?)");
  }

  @Test
  @DisplayName("cannot be set from the environment")
  void notFromEnvironment() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("MIRROR_ROUTES", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config error: MIRROR_ROUTES: routes is a list and can only be set in the configuration file");
  }
}
