package io.goproxymirror.config.value;

import io.goproxymirror.config.value.Redaction;

/**
 * A configuration that cannot be used. The message is one line that starts with {@code config
 * error:} and names what is wrong: the key ({@code cache.list-ttl}), the environment variable and
 * its key ({@code MIRROR_PORT (server.port)}) or the file. URL userinfo is never part of it.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final String PREFIX = "config error: ";

  /**
   * @param subject what is wrong: a key, {@code VARIABLE (key)}, or a file
   * @param reason why, in a few words, for example {@code invalid duration "abc" (use 30s, ...)}
   */
  public ConfigException(String subject, String reason) {
    this(subject + ": " + reason);
  }

  private ConfigException(String detail) {
    super(PREFIX + Redaction.userinfo(detail));
  }

  /**
   * This error with {@code source} in front of what it names, for errors found inside a file other
   * than the configuration file: {@code config error: SOURCE: modules[0].path: ...}.
   */
  public ConfigException in(String source) {
    return new ConfigException(source + ": " + getMessage().substring(PREFIX.length()));
  }

  /** This error with {@code hint} appended to its message. */
  public ConfigException withHint(String hint) {
    return new ConfigException(getMessage().substring(PREFIX.length()) + hint);
  }

  /** {@code config error: unknown key "server.prot" (did you mean "server.port"?)}. */
  public static ConfigException unknownKey(String path, String hint) {
    return new ConfigException("unknown key \"" + path + "\" (" + hint + ")");
  }
}
