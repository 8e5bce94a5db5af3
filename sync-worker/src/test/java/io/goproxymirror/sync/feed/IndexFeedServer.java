package io.goproxymirror.sync.feed;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An index feed played on loopback: answers {@code since} (inclusive) and {@code limit} like
 * index.golang.org, but never with more than {@code pageCap} entries, and plays queued faults.
 */
final class IndexFeedServer {
  enum Fault { STATUS_500, STATUS_503, GARBAGE, HANG, MALFORMED_LINE }

  record Request(String since, String limit, long atNanos) {}

  private final List<IndexEntry> entries = new ArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private final int pageCap;
  private HttpServer server;

  IndexFeedServer(int pageCap) {
    this.pageCap = pageCap;
  }

  IndexFeedServer start(Vertx vertx) throws Exception {
    server = vertx.createHttpServer().requestHandler(this::handle);
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return this;
  }

  void stop() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/index");
  }

  synchronized void add(List<IndexEntry> more) {
    entries.addAll(more);
  }

  synchronized void fault(Fault... next) {
    faults.addAll(List.of(next));
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private synchronized void handle(HttpServerRequest request) {
    requests.add(new Request(request.getParam("since"), request.getParam("limit"), System.nanoTime()));
    Fault fault = faults.poll();
    if (fault == Fault.HANG) {
      return;
    }
    if (fault == Fault.STATUS_500 || fault == Fault.STATUS_503) {
      request.response().setStatusCode(fault == Fault.STATUS_500 ? 500 : 503).end("index broke\n");
      return;
    }
    if (fault == Fault.GARBAGE) {
      request.response().end("<html><body>Service Unavailable</body></html>\n");
      return;
    }
    Instant since = OffsetDateTime.parse(request.getParam("since"), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    int limit = Math.min(pageCap, Integer.parseInt(request.getParam("limit")));
    StringBuilder body = new StringBuilder();
    int written = 0;
    for (IndexEntry entry : entries) {
      if (written == limit) {
        break;
      }
      if (!entry.time().isBefore(since)) {
        body.append(new JsonObject()
            .put("Path", entry.module().path())
            .put("Version", entry.module().version())
            .put("Timestamp", entry.timestamp()).encode()).append('\n');
        written++;
        if (fault == Fault.MALFORMED_LINE && written == 1) {
          body.append("{\"Path\":\"example.com/broken\",\"Version\":\n");
        }
      }
    }
    request.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body.toString());
  }
}
