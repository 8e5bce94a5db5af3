package io.goproxymirror.mirror.errors;

/** 403: a request that is not allowed. */
public final class ForbiddenException extends MirrorException {
  public ForbiddenException(String message) {
    super(message);
  }

  public ForbiddenException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 403;
  }
}
