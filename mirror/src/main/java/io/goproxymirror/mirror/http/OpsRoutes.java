package io.goproxymirror.mirror.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;

/**
 * Operational endpoints: {@code /healthz} (liveness: 200 once the server serves), {@code /readyz}
 * (readiness) and {@code /metrics} (Prometheus text from the one registry).
 */
public final class OpsRoutes {
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier ready;

  public OpsRoutes(PrometheusMeterRegistry registry, BooleanSupplier ready) {
    this.registry = registry;
    this.ready = ready;
  }

  public void mount(Router router) {
    router.route("/healthz").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end("ok\n"));
    router.route("/readyz").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
      boolean ok = ready.getAsBoolean();
      ctx.response()
          .setStatusCode(ok ? 200 : 503)
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .end(ok ? "ready\n" : "not ready\n");
    });
    router.route("/metrics").method(HttpMethod.GET).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(registry.scrape()));
  }
}
