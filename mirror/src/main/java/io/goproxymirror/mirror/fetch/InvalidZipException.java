package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.errors.UpstreamFailedException;

/**
 * A staged zip that failed verification; its source reports it to clients as a 502 with the
 * reason ({@link #asUpstreamFailure} or {@link #asBuildFailure}).
 */
public final class InvalidZipException extends RuntimeException {
  public InvalidZipException(String reason) {
    super(reason, null, false, false);
  }

  /** As an upstream proxy's failure. */
  public UpstreamFailedException asUpstreamFailure() {
    return new UpstreamFailedException("invalid zip from upstream: " + getMessage());
  }

  /** As a failure of the zip built from Git. */
  public UpstreamFailedException asBuildFailure() {
    return new UpstreamFailedException("zip built from Git failed verification: " + getMessage());
  }
}
