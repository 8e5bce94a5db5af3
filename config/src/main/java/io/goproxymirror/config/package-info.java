/**
 * Typed configuration: the whole {@code MirrorConfig} and the small top-level records ({@code
 * server.*}, {@code cache.*}, {@code fetch.*}, {@code sumdb.*}, {@code log.*}, {@code admin.*}).
 * The records of a larger area are in its sub-package: {@code storage}, {@code upstream}, {@code
 * git}, {@code sync}; loading ({@code load.ConfigLoader}: defaults &lt; YAML file &lt; environment
 * variables), reading and converting the sources are in {@code load}, {@code source} and {@code
 * value} ({@code value.ConfigException} is the one error every part throws).
 *
 * <p>Depends only on {@code gomod} (semantic versions, module path globs) among the modules of the
 * project. This package depends on its area sub-packages and none of them on it, except {@code
 * load}, which builds the records here.
 */
package io.goproxymirror.config;
