package io.goproxymirror.mirror.auth.jwt;

/** The JWKS could not be fetched or read; the message names the URL and the cause. */
public final class JwksUnavailableException extends RuntimeException {
  public JwksUnavailableException(String message) {
    super(message, null, false, false);
  }
}
