/**
 * The prefetch queue: deduplicated, bounded, concurrent prefetches with retries and backoff, its
 * store of unfinished work (so a new leader resumes it), its listeners and its status.
 *
 * <p>Depends on {@code sync.port}, {@code config}, Vert.x, RxJava and Micrometer.
 */
package io.goproxymirror.sync.queue;
