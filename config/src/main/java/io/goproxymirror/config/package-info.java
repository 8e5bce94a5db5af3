/**
 * Typed configuration: defaults, the YAML file with ${VAR} substitution and environment
 * overrides, validation with messages that name the bad key, and the watch-list model.
 *
 * <p>The bottom of the dependency order: depends on no other module of the project.
 */
package io.goproxymirror.config;
