package io.goproxymirror.sync.port;

import io.reactivex.rxjava3.core.Single;

/**
 * Stores one module version ({@code .info}, {@code .mod} and {@code .zip}) through the same fetch
 * pipeline and single-flight as client misses. Implemented by the mirror.
 *
 * <p>The returned chain fails with {@link PrefetchFailure}; any other error counts as a transient
 * failure.
 */
@FunctionalInterface
public interface Prefetcher {
  Single<PrefetchResult> prefetch(ModuleVersion version);
}
