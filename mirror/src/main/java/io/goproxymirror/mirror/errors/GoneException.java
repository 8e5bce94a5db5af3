package io.goproxymirror.mirror.errors;

/** 410: a module or version that is gone for good. */
public final class GoneException extends MirrorException {
  public GoneException(String message) {
    super(message);
  }

  public GoneException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 410;
  }
}
