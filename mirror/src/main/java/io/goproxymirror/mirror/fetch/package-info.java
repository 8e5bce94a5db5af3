/**
 * The sources of a miss and their shared vocabulary: {@link
 * ArtifactSource} (one request in, one {@link
 * Fetched} out), the interface every step of the miss pipeline
 * implements; {@code Routed} (per-pattern routes), {@code ProxyList} (the GOPROXY list with its
 * fall-through rules), {@code ProxyBodies} (an upstream's 200 body, a zip staged while it streams
 * through {@code ZipDownload}), and below them per-upstream health (circuit breakers, probes),
 * retries, timeouts and the bounded fetch gate. The Git source implements the same interface in
 * {@code fetch.git}; the decorators that verify, store and record live in {@code serve}.
 *
 * <p>Depends on {@code config}, {@code errors}, {@code metrics}, {@code modzip}, {@code protocol},
 * {@code rx} and {@code store}; never on {@code fetch.git}, {@code serve} or {@code http}.
 */
package io.goproxymirror.mirror.fetch;
