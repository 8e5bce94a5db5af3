/**
 * The sync worker: leader election, the index feed tailer, the watch list and private tag
 * polling, the prefetch queue, dependency expansion and warm jobs. It reaches the rest of the
 * mirror only through the small interfaces it owns (a prefetcher, a version lister, its stores).
 *
 * <p>Depends on {@code config}, {@code gomod} (go.mod requirements), Vert.x, RxJava and
 * Micrometer; never on the mirror module.
 */
package io.goproxymirror.sync;
