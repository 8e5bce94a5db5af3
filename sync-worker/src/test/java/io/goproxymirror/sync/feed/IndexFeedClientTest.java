package io.goproxymirror.sync.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.upstream.UpstreamTimeouts;
import io.goproxymirror.sync.feed.IndexFeedException.Reason;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("IndexFeedClient")
class IndexFeedClientTest {
  private static final UpstreamTimeouts TIMEOUTS = new UpstreamTimeouts(
      Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(2));
  private static final String LINE =
      "{\"Path\":\"golang.org/x/text\",\"Version\":\"v0.3.0\",\"Timestamp\":\"2019-04-10T19:08:52.997264Z\"}\n";

  private final List<String> uris = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private IndexFeedClient client;

  private IndexFeedClient serve(Vertx vertx, String path, long maxBody, Consumer<HttpServerRequest> handler)
      throws Exception {
    server = vertx.createHttpServer().requestHandler(request -> {
      uris.add(request.uri());
      handler.accept(request);
    });
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client = new IndexFeedClient(vertx,
        URI.create("http://127.0.0.1:" + server.actualPort() + path), TIMEOUTS, maxBody);
    return client;
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close().blockingAwait(10, TimeUnit.SECONDS);
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("sends since exactly (an offset's + encoded) and limit after the URL's own query")
  void request(Vertx vertx) throws Exception {
    IndexFeedClient feed = serve(vertx, "/index?include=all", 1 << 20, r -> r.response().end(LINE));

    IndexPage page = feed.fetch("2019-04-10T21:08:52.997264+02:00", 2000).blockingGet();

    assertThat(page.entries()).hasSize(1);
    assertThat(uris).containsExactly(
        "/index?include=all&since=2019-04-10T21%3A08%3A52.997264%2B02%3A00&limit=2000");
    assertThat(feed.name()).isEqualTo("127.0.0.1:" + server.actualPort() + "/index");
  }

  @Test
  @DisplayName("fails with status on a non-200 answer")
  void status(Vertx vertx) throws Exception {
    IndexFeedClient feed = serve(vertx, "/index", 1 << 20, r -> r.response().setStatusCode(404).end("gone"));
    assertThatThrownBy(() -> feed.fetch("2019-04-10T19:08:52Z", 10).blockingGet())
        .isInstanceOfSatisfying(IndexFeedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STATUS))
        .hasMessageContaining("answered 404");
  }

  @Test
  @DisplayName("fails with too_large past the body bound")
  void tooLarge(Vertx vertx) throws Exception {
    IndexFeedClient feed = serve(vertx, "/index", 1000, r -> r.response().end(LINE.repeat(100)));
    assertThatThrownBy(() -> feed.fetch("2019-04-10T19:08:52Z", 10).blockingGet())
        .isInstanceOfSatisfying(IndexFeedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
  }

  @Test
  @DisplayName("fails with timeout when no headers come, and when the body stalls")
  void timeouts(Vertx vertx) throws Exception {
    IndexFeedClient feed = serve(vertx, "/index", 1 << 20, r -> {
      if (r.uri().contains("limit=1")) {
        r.response().setChunked(true).write(LINE);
      }
    });
    assertThatThrownBy(() -> feed.fetch("2019-04-10T19:08:52Z", 10).blockingGet())
        .isInstanceOfSatisfying(IndexFeedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
    assertThatThrownBy(() -> feed.fetch("2019-04-10T19:08:52Z", 1).blockingGet())
        .isInstanceOfSatisfying(IndexFeedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
  }

  @Test
  @DisplayName("fails with malformed when no line is an entry")
  void garbage(Vertx vertx) throws Exception {
    IndexFeedClient feed = serve(vertx, "/index", 1 << 20, r -> r.response().end("<html>\n<body>busy</body>\n"));
    assertThatThrownBy(() -> feed.fetch("2019-04-10T19:08:52Z", 10).blockingGet())
        .isInstanceOfSatisfying(IndexFeedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
  }

  @Test
  @DisplayName("an empty body is an empty page, not an error")
  void emptyBody(Vertx vertx) throws Exception {
    IndexFeedClient feed = serve(vertx, "/index", 1 << 20, r -> r.response().end());
    assertThat(feed.fetch("2019-04-10T19:08:52Z", 10).blockingGet().entries()).isEmpty();
  }

  @Test
  @DisplayName("fails with connection when nothing listens")
  void refused(Vertx vertx) throws Exception {
    IndexFeedClient feed = serve(vertx, "/index", 1 << 20, r -> r.response().end());
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> feed.fetch("2019-04-10T19:08:52Z", 10).blockingGet())
        .isInstanceOfSatisfying(IndexFeedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONNECTION));
  }
}
