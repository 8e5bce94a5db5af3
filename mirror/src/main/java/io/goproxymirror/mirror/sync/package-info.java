/**
 * The mirror's side of the sync worker: the prefetcher and version lister that run the sync
 * worker's jobs through the miss pipeline.
 *
 * <p>Depends on {@code serve}, {@code store}, {@code protocol}, {@code rx}, {@code errors} and the
 * {@code sync} module it serves.
 */
package io.goproxymirror.mirror.sync;
