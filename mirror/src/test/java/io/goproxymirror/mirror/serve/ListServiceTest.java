package io.goproxymirror.mirror.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.upstream.GoproxyList;
import io.goproxymirror.config.upstream.UpstreamList;
import io.goproxymirror.gomod.PathPatterns;
import io.goproxymirror.mirror.fetch.FetchGate;
import io.goproxymirror.mirror.fetch.ProxyBodies;
import io.goproxymirror.mirror.fetch.ProxyList;
import io.goproxymirror.mirror.fetch.ProxyUpstream;
import io.goproxymirror.mirror.fetch.RetryPolicy;
import io.goproxymirror.mirror.fetch.RouteTable;
import io.goproxymirror.mirror.fetch.Routed;
import io.goproxymirror.mirror.fetch.UpstreamRegistry;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.EmbeddedMetadataStore;
import io.goproxymirror.mirror.store.StagingArea;
import io.goproxymirror.mirror.store.StorageSpace;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import io.goproxymirror.mirror.testkit.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ListService}'s rules over its real collaborators: the embedded metadata store on a temp
 * dir, the upstream list pointing at a scripted loopback proxy, and a clock the test moves.
 */
class ListServiceTest {
  private static final Duration TTL = Duration.ofMinutes(5);
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private Vertx vertx;
  private ScriptedUpstream upstream;
  private EmbeddedMetadataStore metadata;
  private StorageSpace space;
  private ArtifactIndex index;
  private ListService lists;

  @BeforeEach
  void start(@TempDir Path dir) {
    vertx = Vertx.vertx();
    upstream = ScriptedUpstream.start(vertx);
    MirrorConfig config = ConfigLoader.load(Optional.empty(), Map.of("MIRROR_UPSTREAM", upstream.baseUrl()));
    MirrorMetrics metrics = new MirrorMetrics(new SimpleMeterRegistry());
    FetchGate gate = new FetchGate(4, 16, Duration.ofSeconds(10), Schedulers.computation(), metrics);
    UpstreamRegistry upstreams = new UpstreamRegistry(
        url -> new ProxyUpstream(vertx, url, config.upstreamTimeouts().forUpstream(url), 4),
        config.upstreamHealth(), new RetryPolicy(0, Duration.ofMillis(100)), metrics, clock);
    ProxyList chain = new ProxyList(UpstreamList.parse(upstream.baseUrl()), new ProxyList.Wiring(upstreams, gate,
        metrics, Duration.ofSeconds(10), new ProxyBodies(vertx, new StagingArea(dir), Duration.ofSeconds(10), metrics),
        leaf -> new Verified(leaf, clock, metrics, Schedulers.io()), null));
    RouteTable routes = new RouteTable(PathPatterns.none(), PathPatterns.none(), List.of(),
        GoproxyList.parse(upstream.baseUrl()), list -> chain, Duration.ofMinutes(1));
    space = StorageSpace.of(dir, 0, Schedulers.io());
    metadata = EmbeddedMetadataStore.open(dir.resolve("meta"), Schedulers.io());
    index = new ArtifactIndex(metadata, 100);
    AnswerCache answers = new AnswerCache(metadata, clock, TTL, routes::negativeTtl, 100);
    lists = new ListService(answers, new Routed(routes, gate, null, space), index, clock);
  }

  @AfterEach
  void stop() {
    metadata.close().blockingAwait(10, TimeUnit.SECONDS);
    space.close();
    upstream.close();
    vertx.close().await();
  }

  private Reply.Bytes list(String module) {
    return (Reply.Bytes) lists.list(ProxyRequest.of(Endpoint.LIST, module, null))
        .timeout(10, TimeUnit.SECONDS).blockingGet();
  }

  private void stored(String module, String version) {
    index.add(new ArtifactRecord(module, version, ArtifactKind.MOD, 10, "0".repeat(64), null, clock.instant()))
        .blockingAwait(10, TimeUnit.SECONDS);
  }

  private static String text(Reply.Bytes reply) {
    return new String(reply.body(), UTF_8);
  }

  @Test
  @DisplayName("the list merges the upstream's versions with the stored ones, semver-sorted, without pseudo-versions")
  void merges() {
    upstream.on("/example.com/m/@v/list",
        io.goproxymirror.mirror.testkit.Reply.ok("v1.1.0\nv1.0.0 2024-01-01T00:00:00Z\nv1.2.0-0.20240101000000-abcdefabcdef\nnot-a-version\n"));
    stored("example.com/m", "v1.0.1");
    stored("example.com/m", "v0.0.0-20240101000000-abcdefabcdef");

    Reply.Bytes reply = list("example.com/m");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(text(reply)).isEqualTo("v1.0.0\nv1.0.1\nv1.1.0\n");
    assertThat(reply.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(reply.etag()).isNull();
  }

  @Test
  @DisplayName("within the TTL the list is a HIT without asking the upstream again")
  void hitWithinTtl() {
    upstream.on("/example.com/m/@v/list", io.goproxymirror.mirror.testkit.Reply.ok("v1.0.0\n"));

    list("example.com/m");
    clock.advance(TTL.minusSeconds(1));
    Reply.Bytes hit = list("example.com/m");

    assertThat(hit.cache()).isEqualTo(CacheStatus.HIT);
    assertThat(text(hit)).isEqualTo("v1.0.0\n");
    assertThat(upstream.requests().count("/example.com/m/@v/list")).isEqualTo(1);
  }

  @Test
  @DisplayName("past the TTL, with the upstream failing, the last list is served STALE")
  void staleWhenUpstreamFails() {
    upstream.on("/example.com/m/@v/list", io.goproxymirror.mirror.testkit.Reply.ok("v1.0.0\n"), io.goproxymirror.mirror.testkit.Reply.of(500, "down"));

    list("example.com/m");
    clock.advance(TTL);
    Reply.Bytes stale = list("example.com/m");

    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.cache()).isEqualTo(CacheStatus.STALE);
    assertThat(text(stale)).isEqualTo("v1.0.0\n");
  }

  @Test
  @DisplayName("a module unknown upstream is a 404 answer, unless a version of it is stored here")
  void notFound() {
    stored("example.com/kept", "v1.0.0");

    Reply.Bytes missing = list("example.com/missing");
    Reply.Bytes kept = list("example.com/kept");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(text(missing)).isEqualTo("not found: example.com/missing/@v/list");
    assertThat(missing.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(kept.status()).isEqualTo(200);
    assertThat(text(kept)).isEqualTo("v1.0.0\n");
  }
}
