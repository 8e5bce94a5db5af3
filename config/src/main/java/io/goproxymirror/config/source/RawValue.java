package io.goproxymirror.config.source;

/**
 * A configuration value as text, before conversion, with the name errors about it must use.
 *
 * @param text the value, already substituted if it came from the file
 * @param origin the key ({@code server.port}) or variable and key ({@code MIRROR_PORT
 *     (server.port)})
 */
public record RawValue(String text, String origin) {}
