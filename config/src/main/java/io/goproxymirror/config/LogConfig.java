package io.goproxymirror.config;

/**
 * {@code log.*}. Both values are accepted in any letter case and held in lower case.
 *
 * @param format {@code log.format} (env {@code MIRROR_LOG_FORMAT}): {@code text} or {@code json},
 *     default text
 * @param level {@code log.level} (env {@code MIRROR_LOG_LEVEL}): trace, debug, info, warn or
 *     error, default info
 */
public record LogConfig(String format, String level) {}
