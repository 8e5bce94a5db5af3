/**
 * The GOPROXY protocol's requests: the endpoints, request paths and their parsing into a checked
 * {@code ProxyRequest}, and where a module lives in its repository ({@code ModuleLocation}). The
 * Go module rules they apply (paths, versions, escaping, go.mod) are in {@code gomod}; a path or
 * version those rules refuse is answered as a bad request (400).
 *
 * <p>Pure: no Vert.x web, Redis or network. Depends on {@code gomod} and {@code errors}.
 */
package io.goproxymirror.mirror.protocol;
