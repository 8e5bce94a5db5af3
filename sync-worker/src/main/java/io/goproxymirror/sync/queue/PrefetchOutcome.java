package io.goproxymirror.sync.queue;

import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.port.PrefetchFailure;
import io.goproxymirror.sync.port.PrefetchResult;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * How the prefetch of one queued version ended.
 *
 * @param version the module version
 * @param depth see {@link PrefetchRequest#depth()}
 * @param jobIds the warm jobs waiting for it
 * @param result the result when it succeeded, empty when it failed
 * @param reason why it failed, empty when it succeeded
 * @param permanent whether the failure was permanent ({@link PrefetchFailure#permanent()}) rather
 *     than retries running out
 * @param attempts attempts made
 * @param at when it ended
 */
public record PrefetchOutcome(
    ModuleVersion version,
    int depth,
    Set<String> jobIds,
    Optional<PrefetchResult> result,
    Optional<String> reason,
    boolean permanent,
    int attempts,
    Instant at) {
  public PrefetchOutcome {
    jobIds = Set.copyOf(jobIds);
  }

  public boolean succeeded() {
    return result.isPresent();
  }

  PrefetchOutcome withJobIds(Set<String> ids) {
    return new PrefetchOutcome(version, depth, ids, result, reason, permanent, attempts, at);
  }
}
