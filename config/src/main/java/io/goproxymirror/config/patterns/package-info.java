/**
 * Module path globs in GOPRIVATE syntax ({@code private}, {@code noproxy}, {@code nosumdb}, route
 * and watch-list patterns).
 *
 * <p>Depends on nothing else in the project.
 */
package io.goproxymirror.config.patterns;
