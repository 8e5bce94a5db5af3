package io.goproxymirror.mirror.auth;

/**
 * Credentials that were not accepted, with the reason. The message is the reason's client text;
 * it never holds a token.
 */
public final class AuthFailureException extends RuntimeException {
  private final FailureReason reason;

  public AuthFailureException(FailureReason reason) {
    super(reason.clientText(), null, false, false);
    this.reason = reason;
  }

  /** Why the credentials were refused. */
  public FailureReason reason() {
    return reason;
  }
}
