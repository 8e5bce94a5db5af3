package io.goproxymirror.config;

/**
 * A configuration that cannot be used. The message is one line that starts with {@code config
 * error:} and names what is wrong: the key ({@code cache.list-ttl}), the environment variable and
 * its key ({@code MIRROR_PORT (server.port)}) or the file. URL userinfo is never part of it.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param subject what is wrong: a key, {@code VARIABLE (key)}, or a file
   * @param reason why, in a few words, for example {@code invalid duration "abc" (use 30s, ...)}
   */
  public ConfigException(String subject, String reason) {
    this(subject + ": " + reason);
  }

  private ConfigException(String detail) {
    super("config error: " + Redaction.userinfo(detail));
  }

  /** {@code config error: unknown key "server.prot" (did you mean "server.port"?)}. */
  static ConfigException unknownKey(String path, String hint) {
    return new ConfigException("unknown key \"" + path + "\" (" + hint + ")");
  }
}
