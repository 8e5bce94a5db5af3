/**
 * The checksum-database proxy under {@code /sumdb/<name>/}: request parsing, the database client
 * and the tile and lookup caches.
 *
 * <p>Depends on {@code fetch} (the proxy client), {@code serve}, {@code store}, {@code protocol},
 * {@code rx}, {@code metrics}, {@code errors} and {@code config}.
 */
package io.goproxymirror.mirror.sumdb;
