/**
 * Where modules come from: GOPROXY lists and their entries (parsed once, {@code GoproxyList}),
 * per-pattern {@code routes}, and the upstream timeouts, per-upstream overrides, circuit breaking
 * and retries.
 *
 * <p>Depends on {@code value} (with {@code ConfigException}), {@code source} (list entries) and
 * gomod's path globs.
 */
package io.goproxymirror.config.upstream;

import io.goproxymirror.config.value.ConfigException;
