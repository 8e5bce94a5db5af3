/**
 * Access control on the HTTP front (issue 13): {@code AccessTargets} tells what a request path
 * wants ({@code AccessTarget}: a module of the protocol or of a checksum-database lookup, the admin
 * API, metrics and status, or {@code /healthz} and {@code /readyz}, always open), and {@code
 * AccessHandler}, mounted before every other route, asks the {@code auth} gate and turns a refusal
 * into the failure handler's typed 401, 403 or 429 with its headers. Mounted only when access
 * control is configured.
 *
 * <p>Depends on {@code auth}, {@code errors}, {@code http} (the admin routes' grant key, the raw
 * path), {@code protocol} and {@code sumdb} (request parsing), Caffeine and Vert.x Web.
 */
package io.goproxymirror.mirror.access;
