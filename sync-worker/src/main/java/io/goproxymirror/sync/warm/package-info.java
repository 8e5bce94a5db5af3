/**
 * Warm jobs: a posted go.mod or go.sum queued as one job whose progress can be asked for.
 *
 * <p>Depends on {@code sync.port}, {@code sync.queue}, {@code sync.expansion} (to read the posted
 * file), RxJava and Vert.x JSON.
 */
package io.goproxymirror.sync.warm;
