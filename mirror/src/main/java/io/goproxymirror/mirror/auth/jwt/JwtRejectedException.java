package io.goproxymirror.mirror.auth.jwt;

/**
 * A JWT that was refused. The message is a fixed text for the reason (plus the configured issuer
 * or audience where it helps); it never holds the token or a claim value of it.
 */
public final class JwtRejectedException extends RuntimeException {
  private final JwtRejection reason;

  public JwtRejectedException(JwtRejection reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** Why the token was refused. */
  public JwtRejection reason() {
    return reason;
  }
}
