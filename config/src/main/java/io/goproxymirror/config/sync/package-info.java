/**
 * {@code sync.*}: the sync worker's index feed, prefetch queue, dependency expansion and watch
 * list, with the watch-list file format and its version policies and ranges.
 *
 * <p>Depends on {@code value} (with {@code ConfigException}), {@code source} (YAML reading,
 * suggestions) and gomod (path globs, {@code Semver}).
 */
package io.goproxymirror.config.sync;

import io.goproxymirror.config.value.ConfigException;
