package io.goproxymirror.mirror;

import io.goproxymirror.mirror.http.ConnectionBudget;
import io.goproxymirror.mirror.logs.ThrottledLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.transport.Transport;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The Vert.x instance of the process: its metrics in the one registry, the guarded transport that
 * keeps client connections within their budget (with the budget's meters), and the throttled log
 * of exceptions no handler took. Logs as {@link MirrorApp}.
 */
final class VertxWiring {
  private static final Logger LOG = LoggerFactory.getLogger(MirrorApp.class);

  private VertxWiring() {}

  /**
   * Builds Vert.x with {@code registry} and {@code transport}; {@code throttledLog} is flushed every
   * {@code logInterval}.
   */
  static Vertx create(PrometheusMeterRegistry registry, Transport transport, ConnectionBudget connections,
      ThrottledLog throttledLog, Duration logInterval) {
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions()
            // Nothing is served from the class path: no vertx-cache-* directory in the temp
            // directory, which a killed process would leave behind.
            .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false)
                .setFileCachingEnabled(false))
            .setMetricsOptions(new MicrometerMetricsOptions()
            .setEnabled(true)
            // Per-request HTTP server meters are the mirror's own (goproxy_mirror_requests_*);
            // Vert.x's would double the cost of a warm hit for no extra information.
            .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .withTransport(transport)
        .build();
    vertx.setPeriodic(logInterval.toMillis(), id -> throttledLog.flush());
    vertx.exceptionHandler(err -> unhandled(throttledLog, err));
    Gauge.builder("goproxy_mirror_client_connections", connections, ConnectionBudget::open)
        .description("client connections open").register(registry);
    FunctionCounter.builder(
            "goproxy_mirror_connections_shed_total", connections, ConnectionBudget::shed)
        .description("client connections answered 503 because the connection budget was used up")
        .register(registry);
    return vertx;
  }

  /**
   * An exception no handler took (Vert.x logs each with its stack trace by default): logged
   * throttled, with the stack trace only for the first unexpected one of an interval.
   */
  private static void unhandled(ThrottledLog log, Throwable err) {
    if (err instanceof IOException) {
      log.log(LOG, Level.WARN, "event=unhandled_error", "reason=\"" + err + "\"");
    } else {
      log.log(LOG, Level.ERROR, "event=unhandled_error", () -> "reason=\"" + err + "\"", err);
    }
  }
}
