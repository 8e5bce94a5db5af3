package io.goproxymirror.sync.warm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The progress of one warm job, for {@code GET /admin/warm/{id}}.
 *
 * @param id the job id, URL-safe
 * @param state {@code running} until every version of the job has ended, then {@code finished}
 * @param created when the job was created
 * @param finished when it finished, empty while running
 * @param queued versions the job queued: those the posted file lists plus those its expansion
 *     reached (including versions that were queued already for another reason)
 * @param done versions stored (now or before)
 * @param failed versions that failed or found the queue full
 * @param failures the first failures with their reasons, bounded
 */
public record WarmJobSnapshot(
    String id,
    String state,
    Instant created,
    Optional<Instant> finished,
    int queued,
    int done,
    int failed,
    List<WarmJobFailure> failures) {

  public static final String RUNNING = "running";
  public static final String FINISHED = "finished";

  /** Versions of the job still queued, running or waiting for a retry. */
  public int pending() {
    return queued - done - failed;
  }

  /** The JSON body of {@code GET /admin/warm/{id}}. */
  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    failures.forEach(
        f ->
            list.add(
                new JsonObject()
                    .put("module", f.version().path())
                    .put("version", f.version().version())
                    .put("reason", f.reason())));
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("state", state)
            .put("created", created.toString())
            .put("queued", queued)
            .put("done", done)
            .put("failed", failed)
            .put("pending", pending())
            .put("failures", list);
    finished.ifPresent(at -> json.put("finished", at.toString()));
    return json;
  }
}
