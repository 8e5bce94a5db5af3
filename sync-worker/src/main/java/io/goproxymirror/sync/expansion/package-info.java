/**
 * Dependency expansion and the project files it reads: queues the requirements of stored versions,
 * and reads go.mod requirements and go.sum versions (also for warm jobs).
 *
 * <p>Depends on {@code sync.port}, {@code sync.queue}, {@code config}, RxJava and Micrometer.
 */
package io.goproxymirror.sync.expansion;
