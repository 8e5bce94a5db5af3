package io.goproxymirror.mirror.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;

/**
 * Operational endpoints: {@code /healthz} (liveness: 200 once the server serves), {@code /readyz}
 * (readiness: 200 {@code ready}, or 200 {@code degraded} while the metadata store is unavailable
 * and the mirror serves from storage with in-process single-flight; a degraded replica still takes
 * traffic) and {@code /metrics} (Prometheus text from the one registry).
 */
public final class OpsRoutes {
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier metadataAvailable;

  /** {@code metadataAvailable}: false while the mirror runs without its metadata store. */
  public OpsRoutes(PrometheusMeterRegistry registry, BooleanSupplier metadataAvailable) {
    this.registry = registry;
    this.metadataAvailable = metadataAvailable;
  }

  public void mount(Router router) {
    router.route("/healthz").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end("ok\n"));
    router.route("/readyz").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
      boolean ok = metadataAvailable.getAsBoolean();
      ctx.response()
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .end(ok ? "ready\n" : "degraded: metadata store unavailable; serving from storage\n");
    });
    router.route("/metrics").method(HttpMethod.GET).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(registry.scrape()));
  }
}
