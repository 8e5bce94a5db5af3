package io.goproxymirror.mirror.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.upstream.GoproxyList;
import io.goproxymirror.config.upstream.Route;
import io.goproxymirror.config.upstream.UpstreamHealthConfig;
import io.goproxymirror.config.upstream.UpstreamTimeouts;
import io.goproxymirror.gomod.PathPatterns;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("route table and shared upstreams")
class RouteTableTest {
  private static final Duration GLOBAL_TTL = Duration.ofMinutes(5);
  private static final UpstreamTimeouts TIMEOUTS =
      new UpstreamTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));

  private Vertx vertx;
  private MirrorMetrics metrics;
  private UpstreamRegistry registry;
  private FetchGate gate;
  private final Map<String, ProxyList> chains = new HashMap<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    metrics = new MirrorMetrics(new SimpleMeterRegistry());
    registry = new UpstreamRegistry(url -> new ProxyUpstream(vertx, url, TIMEOUTS, 1),
        new UpstreamHealthConfig(3, Duration.ofHours(1), Duration.ofHours(1)), RetryPolicy.none(), metrics,
        Clock.systemUTC());
    gate = new FetchGate(4, 0, Duration.ofSeconds(1), io.reactivex.rxjava3.schedulers.Schedulers.computation(), metrics);
  }

  @AfterEach
  void tearDown() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private ProxyList chain(String list) {
    return chain(GoproxyList.parse(list));
  }

  private ProxyList chain(GoproxyList list) {
    return chains.computeIfAbsent(list.text(), l -> new ProxyList(list.entries(),
        new ProxyList.Wiring(registry, gate, metrics, Duration.ofSeconds(5), null, leaf -> leaf, null)));
  }

  private static Route route(String pattern, String upstream, Duration negativeTtl) {
    return new Route(PathPatterns.parse(pattern), Optional.ofNullable(upstream), Optional.ofNullable(negativeTtl));
  }

  private RouteTable table(String privateGlobs, String noproxyGlobs, Route... routes) {
    String global = "https://proxy.example.org,direct";
    return new RouteTable(PathPatterns.parse(privateGlobs), PathPatterns.parse(noproxyGlobs), List.of(routes),
        GoproxyList.parse(global), this::chain, GLOBAL_TTL);
  }

  @Test
  @DisplayName("private wins over noproxy, noproxy over routes, routes over the global list; the first route wins")
  void precedence() {
    RouteTable table = table("corp.example.com/secret", "corp.example.com/*,github.com/acme",
        route("corp.example.com", "https://corp.example.com/proxy", null),
        route("example.com/a", null, Duration.ofSeconds(1)),
        route("example.com", "https://other.example.org|direct", Duration.ofSeconds(2)),
        route("example.com/a", "https://never.example.org", null));

    assertThat(table.resolve("corp.example.com/secret/x").name()).isEqualTo("private");
    assertThat(table.resolve("corp.example.com/secret/x").gitOnly()).isTrue();
    assertThat(table.resolve("corp.example.com/team").name()).isEqualTo("noproxy");
    assertThat(table.resolve("github.com/acme/lib").gitOnly()).isTrue();
    ModuleRoute other = table.resolve("example.com/b");
    assertThat(other.name()).isEqualTo("routes[2]");
    assertThat(other.chain()).containsSame(chain("https://other.example.org|direct"));
    assertThat(other.chain().orElseThrow().reachesDirect()).isTrue();
    assertThat(other.negativeTtl()).isEqualTo(Duration.ofSeconds(2));
    ModuleRoute ttlOnly = table.resolve("example.com/a/v2");
    assertThat(ttlOnly.name()).as("a route without upstream keeps the global list").isEqualTo("upstream");
    assertThat(ttlOnly.chain()).containsSame(chain("https://proxy.example.org,direct"));
    assertThat(ttlOnly.negativeTtl()).as("only the first matching entry counts").isEqualTo(Duration.ofSeconds(1));
    assertThat(table.resolve("golang.org/x/mod").name()).isEqualTo("upstream");
    assertThat(table.negativeTtl("golang.org/x/mod")).isEqualTo(GLOBAL_TTL);
  }

  @Test
  @DisplayName("a route's negative-ttl applies to the private and noproxy modules it matches")
  void negativeTtlOfGitOnlyModules() {
    RouteTable table = table("corp.example.com", "github.com/acme",
        route("corp.example.com,github.com/acme", "https://ignored.example.org", Duration.ofSeconds(7)));

    assertThat(table.resolve("corp.example.com/x").negativeTtl()).isEqualTo(Duration.ofSeconds(7));
    assertThat(table.resolve("github.com/acme/x").negativeTtl()).isEqualTo(Duration.ofSeconds(7));
    assertThat(table.negativeTtl("corp.example.com/x")).isEqualTo(Duration.ofSeconds(7));
    assertThat(table.resolve("github.com/acme/x").gitOnly()).isTrue();
  }

  @Test
  @DisplayName("describes the routing with credentials hidden")
  void describe() {
    RouteTable table = table("corp.example.com", "",
        route("corp.example.com/*", "https://bot:s3cret@goproxy.corp.example.com|direct", null),
        route("example.com/a", null, Duration.ofSeconds(1)));

    assertThat(table.describe())
        .isEqualTo("private=\"corp.example.com\" noproxy=\"\" routes=\"corp.example.com/*"
            + " upstream=https://***@goproxy.corp.example.com|direct negative-ttl=(global);"
            + " example.com/a upstream=(global) negative-ttl=PT1S\""
            + " upstream=\"https://proxy.example.org,direct\" negative_ttl=PT5M");
  }

  @Test
  @DisplayName("one URL in several lists is one upstream, listed once in the order first named")
  void sharedUpstreams() {
    ProxyList first = chain("https://a.example.org,https://b.example.org");
    ProxyList second = chain("https://b.example.org|https://a.example.org/|https://c.example.org,off");

    assertThat(second.upstreams()).hasSize(3);
    assertThat(second.upstreams().get(0)).isSameAs(first.upstreams().get(1));
    assertThat(second.upstreams().get(1)).isSameAs(first.upstreams().get(0));
    assertThat(registry.all()).extracting(u -> u.upstream().name())
        .containsExactly("a.example.org", "b.example.org", "c.example.org");
  }

  @Test
  @DisplayName("the same proxy under two URLs (other credentials) is refused without echoing them")
  void sameNameTwice() {
    chain("https://bot:one@a.example.org");

    assertThatThrownBy(() -> chain("https://bot:two@a.example.org"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upstream a.example.org is named with two different URLs")
        .hasMessageNotContaining("two@")
        .hasMessageNotContaining("one@");
  }
}
