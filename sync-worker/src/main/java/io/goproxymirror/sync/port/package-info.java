/**
 * What the sync worker needs from the rest of the process, as interfaces the mirror implements
 * (a prefetcher, a version lister, the stored versions, a small state store) and the values they
 * exchange ({@code ModuleVersion}, prefetch results and failures).
 *
 * <p>Depends on RxJava only; every other {@code sync} package may depend on it.
 */
package io.goproxymirror.sync.port;
