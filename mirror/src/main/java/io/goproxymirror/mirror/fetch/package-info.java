/**
 * Fetching from upstream proxies: the GOPROXY list with its fall-through rules, per-pattern
 * routes, per-upstream health (circuit breakers, probes), retries, timeouts, the bounded fetch
 * gate, and zip downloads into the staging area.
 *
 * <p>Depends on {@code config}, {@code errors}, {@code metrics}, {@code modzip}, {@code rx}, {@code
 * store} and the Git source in {@code fetch.git}; never on {@code serve} or {@code http}.
 */
package io.goproxymirror.mirror.fetch;
