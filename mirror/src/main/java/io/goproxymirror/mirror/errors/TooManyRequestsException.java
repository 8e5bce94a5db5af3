package io.goproxymirror.mirror.errors;

/** 429: a client that failed to authenticate too often; {@code Retry-After} says when to retry. */
public final class TooManyRequestsException extends MirrorException {
  public TooManyRequestsException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 429;
  }
}
