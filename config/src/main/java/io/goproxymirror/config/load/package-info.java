/**
 * Loading: every key declared once ({@code ConfigKeys}, typed {@code Key}s), the file and the
 * environment read into text, every value converted once ({@code ConfigValues}), the checks across
 * keys (storage, metadata), and the {@code MirrorConfig} built from it all ({@code Loader}, used
 * through {@code ConfigLoader}, the module's entry point).
 *
 * <p>The top of the module: depends on every other package of it.
 */
package io.goproxymirror.config.load;

import io.goproxymirror.config.MirrorConfig;
