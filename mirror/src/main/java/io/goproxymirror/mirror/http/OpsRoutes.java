package io.goproxymirror.mirror.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Operational endpoints: {@code /healthz} (liveness: 200 once the server serves), {@code /readyz}
 * (readiness: 200 {@code ready}, or 200 {@code degraded: ...} while the metadata store is unavailable
 * and the mirror serves from storage with in-process single-flight, or while the storage is nearly
 * full and misses get 507; a degraded replica still takes traffic, its hits are served; 503 {@code
 * shutting down} from SIGTERM on, so that load balancers stop sending it requests), {@code /metrics} (Prometheus text from the one registry) and {@code /status/upstreams}
 * (JSON: each upstream proxy's circuit state and failure counts, names without credentials).
 */
public final class OpsRoutes {
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier metadataAvailable;
  private final Supplier<JsonArray> upstreams;
  private final BooleanSupplier storageNearlyFull;
  private final BooleanSupplier shuttingDown;

  /** {@code metadataAvailable}: false while the mirror runs without its metadata store. */
  public OpsRoutes(PrometheusMeterRegistry registry, BooleanSupplier metadataAvailable) {
    this(registry, metadataAvailable, JsonArray::new, () -> false, () -> false);
  }

  /**
   * {@code upstreams}: the status entries of the upstream proxies, in list order;
   * {@code storageNearlyFull}: true while the data directory is below {@code storage.min-free};
   * {@code shuttingDown}: true once the process began to shut down ({@link ServerDrain}).
   */
  public OpsRoutes(PrometheusMeterRegistry registry, BooleanSupplier metadataAvailable,
      Supplier<JsonArray> upstreams, BooleanSupplier storageNearlyFull, BooleanSupplier shuttingDown) {
    this.shuttingDown = shuttingDown;
    this.storageNearlyFull = storageNearlyFull;
    this.registry = registry;
    this.metadataAvailable = metadataAvailable;
    this.upstreams = upstreams;
  }

  public void mount(Router router) {
    router.route("/healthz").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end("ok\n"));
    router.route("/readyz").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
      if (shuttingDown.getAsBoolean()) {
        ctx.response().setStatusCode(503)
            .putHeader("Content-Type", "text/plain; charset=utf-8")
            .putHeader("Cache-Control", "no-store")
            .end("shutting down\n");
        return;
      }
      List<String> degraded = new ArrayList<>(2);
      if (storageNearlyFull.getAsBoolean()) {
        degraded.add("storage nearly full, misses refused (507)");
      }
      if (!metadataAvailable.getAsBoolean()) {
        degraded.add("metadata store unavailable; serving from storage");
      }
      String body = degraded.isEmpty() ? "ready\n" : "degraded: " + String.join("; ", degraded) + "\n";
      ctx.response()
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .end(body);
    });
    router.route("/metrics").method(HttpMethod.GET).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(registry.scrape()));
    router.route("/status/upstreams").method(HttpMethod.GET).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("upstreams", upstreams.get()).encodePrettily() + "\n"));
  }
}
