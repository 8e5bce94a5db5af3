package io.goproxymirror.mirror.errors;

/** 404: a module or version that does not exist. */
public final class NotFoundException extends MirrorException {
  public NotFoundException(String message) {
    super(message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 404;
  }
}
