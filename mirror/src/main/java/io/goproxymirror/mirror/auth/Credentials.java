package io.goproxymirror.mirror.auth;

/**
 * What a client presented in its {@code Authorization} header. {@link #toString()} never shows
 * the token.
 */
public sealed interface Credentials {
  /**
   * HTTP Basic: the user name and the token as password.
   *
   * @param name the user name
   * @param token the token, in clear
   */
  record Basic(String name, String token) implements Credentials {
    @Override
    public String toString() {
      return "Basic[name=" + name + ", token=<redacted>]";
    }
  }

  /**
   * {@code Bearer}: a user token or a JWT.
   *
   * @param token the token, in clear
   */
  record Bearer(String token) implements Credentials {
    @Override
    public String toString() {
      return "Bearer[token=<redacted>]";
    }
  }
}
