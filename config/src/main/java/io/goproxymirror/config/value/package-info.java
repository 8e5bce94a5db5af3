/**
 * Conversions of one value's text that know no key: the generic {@code ValueParser} (numbers,
 * durations, sizes, choices, paths, booleans), the duration and size syntaxes, and URL helpers
 * (port checks, hiding userinfo), and {@code ConfigException}, the one error of the whole
 * configuration.
 *
 * <p>Depends on nothing else in the project; a parser's reasons are {@code
 * IllegalArgumentException}s that the caller turns into a {@code ConfigException} naming the key.
 */
package io.goproxymirror.config.value;
