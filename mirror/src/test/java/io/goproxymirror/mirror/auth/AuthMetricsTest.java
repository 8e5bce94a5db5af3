package io.goproxymirror.mirror.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("auth metrics")
class AuthMetricsTest {
  @Test
  @DisplayName("count requests by result and failures by reason under their Prometheus names")
  void counts() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AuthMetrics metrics = new AuthMetrics(registry);
    Principal dev = new Principal("dev", Set.of(), Principal.Kind.USER);
    metrics.record(AccessDecision.allow(Optional.empty()));
    metrics.record(AccessDecision.allow(Optional.of(dev)));
    metrics.record(AccessDecision.unauthorized(FailureReason.WRONG_TOKEN, List.of()));
    metrics.record(AccessDecision.forbidden(dev, "forbidden"));
    metrics.record(AccessDecision.throttled(Duration.ofSeconds(3)));
    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("goproxy_mirror_auth_requests_total{result=\"allowed\"} 2.0")
        .contains("goproxy_mirror_auth_requests_total{result=\"unauthorized\"} 1.0")
        .contains("goproxy_mirror_auth_requests_total{result=\"forbidden\"} 1.0")
        .contains("goproxy_mirror_auth_requests_total{result=\"throttled\"} 1.0")
        .contains("goproxy_mirror_auth_failures_total{reason=\"wrong_token\"} 1.0")
        .contains("goproxy_mirror_auth_failures_total{reason=\"throttled\"} 1.0")
        .contains("goproxy_mirror_auth_failures_total{reason=\"jwt_expired\"} 0.0");
  }
}
