/**
 * Fetching each artifact once: {@link SingleFlight} joins concurrent callers within one process,
 * {@link ReplicaFlight} runs a fetch under an {@link ArtifactLocks} lock across replicas. Holds the
 * lock interfaces, the in-process implementation and {@link HeldLease}, the lease bookkeeping and
 * renewal every lease shares; {@code store.redis} implements the Redis side. Depends on RxJava,
 * SLF4J, {@code store} (artifact kinds) and {@code errors} only; never on {@code fetch}, {@code
 * serve} or {@code http}.
 */
package io.goproxymirror.mirror.flight;
