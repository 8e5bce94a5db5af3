package io.goproxymirror.sync;

import io.goproxymirror.config.sync.SyncIndexConfig;
import io.goproxymirror.sync.feed.IndexCursor;
import io.goproxymirror.sync.feed.IndexTailer;
import io.goproxymirror.sync.queue.PrefetchOutcome;
import io.goproxymirror.sync.queue.PrefetchQueueStatus;
import io.goproxymirror.sync.watch.WatchListStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders the worker's state as the JSON of {@code GET /admin/sync}. */
final class SyncStatus {
  private SyncStatus() {}

  static JsonObject of(boolean leading, Optional<IndexTailer> tailer, SyncIndexConfig index,
      Optional<WatchListStatus> watchList, PrefetchQueueStatus queue, int knownModules, int warmJobs) {
    JsonObject feed = new JsonObject()
        .put("enabled", tailer.isPresent())
        .put("url", index.url().toString());
    tailer.ifPresent(t -> {
      feed.put("cursor", t.cursor().map(IndexCursor::timestamp).orElse(null));
      feed.put("lagSeconds", t.lag().map(lag -> lag.toMillis() / 1000.0).orElse(null));
      feed.put("lastError", t.lastError().orElse(null));
    });
    return new JsonObject()
        .put("leader", leading)
        .put("index", feed)
        .put("watchlist", watchList.map(WatchListStatus::toJson).orElse(null))
        .put("queue", new JsonObject()
            .put("depth", queue.depth())
            .put("running", queue.running())
            .put("waitingForRetry", queue.waitingForRetry())
            .put("recentPrefetches", outcomes(queue.recentSuccesses()))
            .put("recentFailures", outcomes(queue.recentFailures())))
        .put("knownModules", knownModules)
        .put("warmJobs", warmJobs);
  }

  private static JsonArray outcomes(List<PrefetchOutcome> outcomes) {
    JsonArray array = new JsonArray();
    for (PrefetchOutcome outcome : outcomes) {
      array.add(new JsonObject()
          .put("module", outcome.version().path())
          .put("version", outcome.version().version())
          .put("result", outcome.result().map(r -> r.name().toLowerCase(Locale.ROOT)).orElse("failed"))
          .put("reason", outcome.reason().orElse(null))
          .put("permanent", outcome.permanent())
          .put("attempts", outcome.attempts())
          .put("depth", outcome.depth())
          .put("at", outcome.at().toString()));
    }
    return array;
  }
}
