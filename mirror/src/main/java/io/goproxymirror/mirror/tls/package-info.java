/**
 * HTTPS of the mirror's own server: the PEM certificate and key pair read and checked from the
 * {@code server.tls.*} files, the watcher that swaps a rotated pair into every running server
 * without a restart, and the start-up warning about credentials sent over plain HTTP.
 *
 * <p>Depends on {@code config} for the settings and on Vert.x core; not on {@code http} (the HTTP
 * verticle depends on this package, not the other way round).
 */
package io.goproxymirror.mirror.tls;
