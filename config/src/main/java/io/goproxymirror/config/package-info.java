/**
 * Typed configuration: defaults, the YAML file with ${VAR} substitution and environment
 * overrides, validation with messages that name the bad key, and the watch-list model.
 *
 * <p>Depends only on {@code gomod} (semantic versions, module path globs) among the modules of the
 * project.
 */
package io.goproxymirror.config;
