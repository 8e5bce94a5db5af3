package io.goproxymirror.sync.port;

/**
 * A failed prefetch. A permanent failure (the version does not exist, or is invalid) is not
 * retried; a transient one (upstream down, timeout, overload) is retried with backoff.
 */
public final class PrefetchFailure extends RuntimeException {
  private final boolean permanent;

  public PrefetchFailure(String reason, boolean permanent) {
    super(reason, null, false, false);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
