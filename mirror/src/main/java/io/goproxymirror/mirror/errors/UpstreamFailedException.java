package io.goproxymirror.mirror.errors;

/** 502: every source failed or answered something invalid. */
public final class UpstreamFailedException extends MirrorException {
  public UpstreamFailedException(String message) {
    super(message);
  }

  public UpstreamFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int status() {
    return 502;
  }
}
