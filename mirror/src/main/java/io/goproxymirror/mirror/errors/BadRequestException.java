package io.goproxymirror.mirror.errors;

/** 400: a malformed request. */
public final class BadRequestException extends MirrorException {
  public BadRequestException(String message) {
    super(message);
  }

  public BadRequestException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 400;
  }
}
