package io.goproxymirror.mirror.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The mirror's meters, with stable names (prefix {@code goproxy_mirror_}) and low-cardinality tags
 * only: endpoint, cache result, status, upstream name, artifact kind. Never a module path.
 */
public final class MirrorMetrics {
  private static final Set<String> ARTIFACT_ENDPOINTS = Set.of("info", "mod", "zip");

  private final MeterRegistry registry;
  private final Counter artifactRequests;
  private final Counter coldMisses;
  private final AtomicInteger fetchesInFlight = new AtomicInteger();
  private final AtomicInteger metadataUp = new AtomicInteger(1);
  private final ConcurrentMap<String, RequestMeters> requestMeters = new ConcurrentHashMap<>();

  public MirrorMetrics(MeterRegistry registry) {
    this.artifactRequests = Counter.builder("goproxy_mirror_artifact_requests")
        .description("Client requests for .info, .mod and .zip of a version answered 200 (hits, misses and stale)")
        .register(registry);
    this.coldMisses = Counter.builder("goproxy_mirror_cold_misses")
        .description("Client requests for .info, .mod and .zip of a version that were not stored yet (MISS)")
        .register(registry);
    io.micrometer.core.instrument.Gauge.builder("goproxy_mirror_cold_miss_ratio", this, MirrorMetrics::coldMissRatio)
        .description("Cold misses over artifact requests since start (0 when there were none)")
        .register(registry);
    this.registry = registry;
    registry.gauge("goproxy_mirror_fetches_in_flight", fetchesInFlight);
    io.micrometer.core.instrument.Gauge.builder("goproxy_mirror_metadata_store_up", metadataUp, AtomicInteger::get)
        .description("1 while the metadata store answers, 0 while the mirror serves without it")
        .register(registry);
  }

  /** One answered protocol request: {@code goproxy_mirror_requests_total}. */
  public void request(String endpoint, String cache, int status, long nanos) {
    if (status == 200 && ARTIFACT_ENDPOINTS.contains(endpoint)) {
      artifactRequests.increment();
      if ("MISS".equals(cache)) {
        coldMisses.increment();
      }
    }
    // Meters are looked up once per tag combination (a small, bounded set) and reused: the
    // registry lookup would otherwise cost more than a warm hit itself.
    requestMeters.computeIfAbsent(endpoint + '|' + cache + '|' + status, k -> new RequestMeters(
            Counter.builder("goproxy_mirror_requests")
                .description("Protocol requests by endpoint, cache result and HTTP status")
                .tag("endpoint", endpoint)
                .tag("cache", cache)
                .tag("status", Integer.toString(status))
                .register(registry),
            Timer.builder("goproxy_mirror_request_duration")
                .description("Time to answer a protocol request (headers and body written)")
                .tag("endpoint", endpoint)
                .tag("cache", cache)
                .register(registry)))
        .record(nanos);
  }

  /** Cold misses over artifact requests since start; 0 before the first one. */
  public double coldMissRatio() {
    double total = artifactRequests.count();
    return total == 0 ? 0 : coldMisses.count() / total;
  }

  private record RequestMeters(Counter count, Timer duration) {
    void record(long nanos) {
      count.increment();
      duration.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** One upstream fetch attempt: {@code goproxy_mirror_upstream_fetch_seconds}. */
  public void upstreamFetch(String upstream, String endpoint, String result, long nanos) {
    Timer.builder("goproxy_mirror_upstream_fetch")
        .description("Upstream fetch durations by upstream, endpoint and result")
        .tag("upstream", upstream)
        .tag("endpoint", endpoint)
        .tag("result", result)
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  /** The circuit state of one upstream (0 closed, 1 open, 2 half-open): {@code goproxy_mirror_upstream_state}. */
  public void upstreamState(String upstream, IntSupplier state) {
    io.micrometer.core.instrument.Gauge.builder("goproxy_mirror_upstream_state", state::getAsInt)
        .description("Circuit state of an upstream proxy: 0 closed, 1 open, 2 half-open")
        .tag("upstream", upstream)
        .register(registry);
  }

  /**
   * One failed upstream attempt ({@code kind}: connect, timeout, status_5xx, rate_limited, error):
   * {@code goproxy_mirror_upstream_failures_total}.
   */
  public void upstreamFailure(String upstream, String kind) {
    Counter.builder("goproxy_mirror_upstream_failures")
        .description("Failed upstream attempts by upstream and kind")
        .tag("upstream", upstream)
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  /** One retried upstream GET: {@code goproxy_mirror_upstream_retries_total}. */
  public void upstreamRetry(String upstream) {
    Counter.builder("goproxy_mirror_upstream_retries")
        .description("Retries of upstream GETs after a connect error, 502/503/504 or 429")
        .tag("upstream", upstream)
        .register(registry)
        .increment();
  }

  /** An artifact committed to storage: {@code goproxy_mirror_artifacts_stored_total}. */
  public void artifactStored(String kind, long bytes) {
    Counter.builder("goproxy_mirror_artifacts_stored")
        .description("Artifacts verified and committed to storage")
        .tag("kind", kind)
        .register(registry)
        .increment();
    Counter.builder("goproxy_mirror_stored_bytes")
        .description("Bytes of artifacts committed to storage")
        .tag("kind", kind)
        .register(registry)
        .increment(bytes);
  }

  /** An upstream artifact rejected by verification: {@code goproxy_mirror_verification_failures_total}. */
  public void verificationFailed(String kind) {
    Counter.builder("goproxy_mirror_verification_failures")
        .description("Upstream artifacts rejected by verification (never stored)")
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  /**
   * One Git operation ({@code ls-remote}, {@code clone}, {@code fetch}, {@code build}):
   * {@code goproxy_mirror_git_operations_seconds{operation,result}}.
   */
  public void gitOperation(String operation, String result, long nanos) {
    Timer.builder("goproxy_mirror_git_operations")
        .description("Git operations of direct mode by operation and result")
        .tag("operation", operation)
        .tag("result", result)
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  /** Git operations running or waiting for a worker: {@code goproxy_mirror_git_tasks}. */
  public void gitTasks(IntSupplier pending) {
    io.micrometer.core.instrument.Gauge.builder("goproxy_mirror_git_tasks", pending::getAsInt)
        .description("Git operations of direct mode running or waiting for a worker")
        .register(registry);
  }

  /** Misses waiting for a fetch permit: {@code goproxy_mirror_fetch_queue_depth}. */
  public void fetchQueue(IntSupplier depth) {
    io.micrometer.core.instrument.Gauge.builder("goproxy_mirror_fetch_queue_depth", depth::getAsInt)
        .description("Misses waiting for an upstream fetch permit")
        .register(registry);
  }

  /**
   * A miss shed with 503 before fetching ({@code reason}: queue_full, queue_timeout):
   * {@code goproxy_mirror_fetch_rejected_total}.
   */
  public void fetchRejected(String reason) {
    Counter.builder("goproxy_mirror_fetch_rejected")
        .description("Misses answered 503 because no fetch permit was free: the wait queue was full or the wait ran out")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /**
   * The data directory's file system: {@code goproxy_mirror_storage_free_bytes} (free bytes at the
   * last measurement) and {@code goproxy_mirror_storage_nearly_full} (1 while below
   * {@code storage.min-free}, when misses are refused with 507; 0 otherwise).
   */
  public void storageSpace(LongSupplier freeBytes, BooleanSupplier nearlyFull) {
    io.micrometer.core.instrument.Gauge.builder("goproxy_mirror_storage_free_bytes", freeBytes::getAsLong)
        .description("Free bytes of the data directory's file system at the last measurement (every second)")
        .register(registry);
    io.micrometer.core.instrument.Gauge.builder("goproxy_mirror_storage_nearly_full", () -> nearlyFull.getAsBoolean() ? 1 : 0)
        .description("1 while the data directory's free space is below storage.min-free and misses get 507, else 0")
        .register(registry);
  }

  /** The metadata store became available or unavailable: {@code goproxy_mirror_metadata_store_up}. */
  public void metadataAvailable(boolean up) {
    metadataUp.set(up ? 1 : 0);
  }

  public void fetchStarted() {
    fetchesInFlight.incrementAndGet();
  }

  public void fetchEnded() {
    fetchesInFlight.decrementAndGet();
  }
}
