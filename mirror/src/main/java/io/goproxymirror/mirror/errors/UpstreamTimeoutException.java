package io.goproxymirror.mirror.errors;

/** 504: every source timed out. */
public final class UpstreamTimeoutException extends MirrorException {
  public UpstreamTimeoutException(String message) {
    super(message);
  }

  public UpstreamTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 504;
  }
}
