/**
 * The GOPROXY protocol's values: request paths and their parsing, module paths and case escaping,
 * versions, pseudo-versions, retractions, go.mod lexing and parsing, and quoting strings the go
 * command's way ({@code Quoted}: in error messages and in JSON such as {@code .info} files).
 *
 * <p>Pure: no Vert.x web, Redis or network. Depends on {@code config} (semver) and {@code errors}.
 */
package io.goproxymirror.mirror.protocol;
