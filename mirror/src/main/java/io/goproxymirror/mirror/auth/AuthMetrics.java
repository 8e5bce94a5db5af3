package io.goproxymirror.mirror.auth;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The access meters: {@code goproxy_mirror_auth_requests_total{result}} (allowed, unauthorized,
 * forbidden, throttled: one per decision) and {@code goproxy_mirror_auth_failures_total{reason}}
 * (one per failed authentication, by {@link FailureReason#tag()}). All series are registered at
 * construction, so they read 0 before the first event. Tags are fixed enums, never a name,
 * address or token. Counting is a {@link LongAdder} increment read at scrape time: it is on the
 * path of every warm hit that needs credentials.
 */
public final class AuthMetrics {
  private final Map<AccessDecision.Outcome, LongAdder> requests = new EnumMap<>(AccessDecision.Outcome.class);
  private final Map<FailureReason, LongAdder> failures = new EnumMap<>(FailureReason.class);

  public AuthMetrics(MeterRegistry registry) {
    for (AccessDecision.Outcome outcome : AccessDecision.Outcome.values()) {
      LongAdder count = new LongAdder();
      requests.put(outcome, count);
      FunctionCounter.builder("goproxy_mirror_auth_requests", count, LongAdder::doubleValue)
          .description("Requests whose access was checked, by result")
          .tag("result", outcome.tag())
          .register(registry);
    }
    for (FailureReason reason : FailureReason.values()) {
      LongAdder count = new LongAdder();
      failures.put(reason, count);
      FunctionCounter.builder("goproxy_mirror_auth_failures", count, LongAdder::doubleValue)
          .description("Failed authentications, by reason")
          .tag("reason", reason.tag())
          .register(registry);
    }
  }

  /** Counts {@code decision}: its result, and its failure reason if it has one. */
  public void record(AccessDecision decision) {
    requests.get(decision.outcome()).increment();
    decision.failure().ifPresent(reason -> failures.get(reason).increment());
  }
}
