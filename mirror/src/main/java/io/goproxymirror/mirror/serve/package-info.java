/**
 * What answers a request: the services each handler calls (hits from storage, the answer caches
 * for list and @latest, stale answers) and the decorators of the miss pipeline that need storage:
 * {@code NegativeCached}, {@code SingleFlighted}, {@code ReplicaLocked} in front of the sources,
 * and {@code Verified}, {@code Stored}, {@code Recorded} around each leaf source; the miss path
 * ends here in storage. {@code Pipeline} composes them with the sources of {@code fetch}.
 *
 * <p>Depends on {@code fetch} (the {@code ArtifactSource} vocabulary), {@code flight}, {@code
 * modzip}, {@code protocol}, {@code store}, {@code rx}, {@code metrics}, {@code errors} and {@code
 * config}; never on {@code fetch.git} or {@code http}.
 */
package io.goproxymirror.mirror.serve;
