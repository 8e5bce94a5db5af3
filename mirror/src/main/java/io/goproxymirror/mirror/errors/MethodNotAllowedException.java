package io.goproxymirror.mirror.errors;

/** 405: an HTTP method the endpoint does not serve. */
public final class MethodNotAllowedException extends MirrorException {
  public MethodNotAllowedException(String message) {
    super(message);
  }

  public MethodNotAllowedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 405;
  }
}
