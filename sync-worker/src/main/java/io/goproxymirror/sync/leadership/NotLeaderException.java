package io.goproxymirror.sync.leadership;

/** The worker of this process is a standby: another worker leads and does the work. */
public final class NotLeaderException extends RuntimeException {
  public NotLeaderException() {
    super("this worker is a standby; the leading worker takes this request", null, false, false);
  }
}
