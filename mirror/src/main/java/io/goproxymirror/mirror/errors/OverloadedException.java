package io.goproxymirror.mirror.errors;

/** 503: the mirror sheds load. */
public final class OverloadedException extends MirrorException {
  public OverloadedException(String message) {
    super(message);
  }

  public OverloadedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 503;
  }
}
