/**
 * Typed configuration: {@code ConfigLoader} (defaults &lt; YAML file &lt; environment variables),
 * the whole {@code MirrorConfig}, {@code ConfigException}, and the small top-level records ({@code
 * server.*}, {@code cache.*}, {@code fetch.*}, {@code sumdb.*}, {@code log.*}, {@code admin.*}).
 * The records of a larger area are in its sub-package: {@code storage}, {@code upstream}, {@code
 * git}, {@code sync}, {@code patterns}; reading and converting the sources is in {@code load},
 * {@code source} and {@code value}.
 *
 * <p>The bottom of the dependency order: depends on no other module of the project. The
 * sub-packages depend on this one only for {@code ConfigException} (and {@code sync} on {@code
 * Semver}), except {@code load}, which builds the records here.
 */
package io.goproxymirror.config;

import io.goproxymirror.config.value.ConfigException;
import io.goproxymirror.config.load.ConfigLoader;
