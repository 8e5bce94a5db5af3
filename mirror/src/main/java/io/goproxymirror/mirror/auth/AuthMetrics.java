package io.goproxymirror.mirror.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The access meters: {@code goproxy_mirror_auth_requests_total{result}} (allowed, unauthorized,
 * forbidden, throttled: one per decision) and {@code goproxy_mirror_auth_failures_total{reason}}
 * (one per failed authentication, by {@link FailureReason#tag()}). All series are registered at
 * construction, so they read 0 before the first event. Tags are fixed enums, never a name,
 * address or token.
 */
public final class AuthMetrics {
  private final Map<AccessDecision.Outcome, Counter> requests = new EnumMap<>(AccessDecision.Outcome.class);
  private final Map<FailureReason, Counter> failures = new EnumMap<>(FailureReason.class);

  public AuthMetrics(MeterRegistry registry) {
    for (AccessDecision.Outcome outcome : AccessDecision.Outcome.values()) {
      requests.put(outcome, Counter.builder("goproxy_mirror_auth_requests")
          .description("Requests whose access was checked, by result")
          .tag("result", outcome.tag())
          .register(registry));
    }
    for (FailureReason reason : FailureReason.values()) {
      failures.put(reason, Counter.builder("goproxy_mirror_auth_failures")
          .description("Failed authentications, by reason")
          .tag("reason", reason.tag())
          .register(registry));
    }
  }

  /** Counts {@code decision}: its result, and its failure reason if it has one. */
  public void record(AccessDecision decision) {
    requests.get(decision.outcome()).increment();
    decision.failure().ifPresent(reason -> failures.get(reason).increment());
  }
}
