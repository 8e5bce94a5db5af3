/**
 * Module zips: the go command's file selection and zip rules, building and verifying zips, and
 * the {@code h1:} directory hash.
 *
 * <p>Pure: no Vert.x web, Redis or network. Depends on {@code config}, {@code errors} and {@code
 * protocol}.
 */
package io.goproxymirror.mirror.modzip;
