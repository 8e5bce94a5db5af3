/**
 * Fetching each artifact once: {@link io.goproxymirror.mirror.flight.SingleFlight} joins
 * concurrent callers within one process, {@link io.goproxymirror.mirror.flight.ReplicaFlight}
 * runs a fetch under an {@link io.goproxymirror.mirror.flight.ArtifactLocks} lock across
 * replicas. Holds the lock interfaces and the in-process implementation; {@code store.redis}
 * implements the Redis side. Depends on RxJava, {@code store} (artifact kinds) and {@code errors}
 * only; never on {@code fetch}, {@code serve} or {@code http}.
 */
package io.goproxymirror.mirror.flight;
