package io.goproxymirror.sync.warm;

/** Every kept warm job is still running, so no new one can start; the mirror answers 503. */
public final class TooManyWarmJobsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TooManyWarmJobsException(int max) {
    super("too many warm jobs running (at most " + max + " are kept)", null, false, false);
  }
}
