/**
 * What answers a request: hits from storage, the answer caches for list and @latest, stale
 * answers, and the services each handler calls; the miss path ends here in storage.
 *
 * <p>Depends on {@code fetch}, {@code flight}, {@code modzip}, {@code protocol}, {@code store},
 * {@code rx}, {@code metrics}, {@code errors} and {@code config}; never on {@code http}.
 */
package io.goproxymirror.mirror.serve;
