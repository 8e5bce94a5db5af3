package io.goproxymirror.mirror.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays index.golang.org on 127.0.0.1: {@code GET /index?since=<RFC 3339>&limit=<n>} answers the
 * entries whose time is at or after {@code since} (inclusive, as the real feed), oldest first, one
 * JSON object per line, at most {@code min(limit, pageCap)} of them, so pages end below the asked
 * limit and entries sharing a timestamp can straddle pages. Entries are added while it runs; every
 * {@code since} asked is recorded.
 */
public final class IndexFeedServer implements AutoCloseable {
  private record Entry(String path, String version, String timestamp, Instant time) {}

  private final List<Entry> entries = new CopyOnWriteArrayList<>();
  private final List<String> sinces = new CopyOnWriteArrayList<>();
  private final int pageCap;
  private LoopbackServer server;

  private IndexFeedServer(int pageCap) {
    this.pageCap = pageCap;
  }

  /** Starts a feed whose pages hold at most {@code pageCap} entries; blocks until listening. */
  public static IndexFeedServer start(Vertx vertx, int pageCap) {
    IndexFeedServer feed = new IndexFeedServer(pageCap);
    Future<LoopbackServer> listening = LoopbackServer.listen(vertx, feed::handle);
    feed.server = LoopbackServer.await(listening);
    return feed;
  }

  /** Appends an entry; timestamps must not go backwards. */
  public synchronized IndexFeedServer add(String path, String version, String timestamp) {
    entries.add(new Entry(path, version, timestamp, Instant.parse(timestamp)));
    return this;
  }

  /** The feed URL for {@code sync.index.url}. */
  public String url() {
    return server.baseUrl() + "/index";
  }

  /** Every {@code since} asked, in order. */
  public List<String> sinces() {
    return List.copyOf(sinces);
  }

  @Override
  public void close() {
    LoopbackServer.await(server.close());
  }

  private void handle(HttpServerRequest request) {
    if (!"/index".equals(request.path())) {
      request.response().setStatusCode(404).end("not found\n");
      return;
    }
    String since = request.getParam("since", "1970-01-01T00:00:00Z");
    sinces.add(since);
    int limit = Integer.parseInt(request.getParam("limit", "2000"));
    Instant from = Instant.parse(since);
    List<String> lines = new ArrayList<>();
    for (Entry entry : entries) {
      if (lines.size() >= Math.min(limit, pageCap)) {
        break;
      }
      if (!entry.time().isBefore(from)) {
        lines.add(new JsonObject().put("Path", entry.path()).put("Version", entry.version())
            .put("Timestamp", entry.timestamp()).encode());
      }
    }
    request.response().putHeader("Content-Type", "application/json")
        .end(lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
  }
}
