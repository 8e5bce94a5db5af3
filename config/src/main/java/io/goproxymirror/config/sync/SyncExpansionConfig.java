package io.goproxymirror.config.sync;

/**
 * {@code sync.expansion.*}: dependency expansion. When a version is stored, by a client miss or a
 * prefetch, the requirements in its go.mod that are not stored yet are queued for prefetch.
 *
 * @param enabled {@code sync.expansion.enabled}: default true
 * @param depth {@code sync.expansion.depth}: how many levels of requirements are followed from a
 *     version that was fetched, default 3; the queue size ({@code sync.queue.max}) bounds it
 *     further
 */
public record SyncExpansionConfig(boolean enabled, int depth) {}
