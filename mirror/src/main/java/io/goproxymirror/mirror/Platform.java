package io.goproxymirror.mirror;

import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * The process-wide parts every other part is built with.
 *
 * @param vertx the one Vert.x instance, with its metrics in {@code registry}
 * @param io the bounded pools for blocking storage work
 * @param registry the one meter registry, scraped at {@code /metrics}
 * @param metrics the mirror's own meters, in {@code registry}
 * @param clock the clock of cache ages and timestamps
 */
record Platform(Vertx vertx, IoPool io, PrometheusMeterRegistry registry, MirrorMetrics metrics, Clock clock) {}
