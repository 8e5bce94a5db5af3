package io.goproxymirror.mirror.errors;

/** 401: a request without valid credentials. */
public final class UnauthorizedException extends MirrorException {
  public UnauthorizedException(String message) {
    super(message);
  }

  public UnauthorizedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 401;
  }
}
