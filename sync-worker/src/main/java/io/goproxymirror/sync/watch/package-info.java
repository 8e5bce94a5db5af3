/**
 * The watch list: the file kept in step with its changes, the module paths seen under its glob
 * entries, and the poller that lists watched modules and queues the versions not stored yet.
 *
 * <p>Depends on {@code sync.port}, {@code sync.queue}, {@code config}, Vert.x, RxJava and
 * Micrometer.
 */
package io.goproxymirror.sync.watch;
