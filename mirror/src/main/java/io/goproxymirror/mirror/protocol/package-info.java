/**
 * The GOPROXY protocol's values: request paths and their parsing, module paths and case escaping,
 * versions, pseudo-versions, retractions and go.mod lexing and parsing.
 *
 * <p>Pure: no Vert.x web, Redis or network. Depends on {@code config} (semver) and {@code errors}.
 */
package io.goproxymirror.mirror.protocol;
