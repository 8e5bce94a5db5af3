/**
 * {@code git.*}: building modules from Git repositories, with the list keys {@code git.rewrites},
 * {@code git.repositories} and {@code git.credentials} and their checks (URLs, the order of
 * prefixes, credentials that name variables and files).
 *
 * <p>Depends on {@code value} (with {@code ConfigException}) and {@code source} (list entries,
 * secret references).
 */
package io.goproxymirror.config.git;

import io.goproxymirror.config.value.ConfigException;
