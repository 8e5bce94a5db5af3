package io.goproxymirror.sync.feed;

import java.util.Locale;

/**
 * A failed index feed request. The message is one line fit for logs (no credentials, no body);
 * {@link #reason()} is a low-cardinality metric tag.
 */
public final class IndexFeedException extends RuntimeException {
  /** Why a feed request failed, as a metric tag. */
  public enum Reason {
    /** Could not connect, or the connection broke. */
    CONNECTION,
    /** A connect, first-byte, idle or total deadline passed. */
    TIMEOUT,
    /** The feed answered with a status other than 200. */
    STATUS,
    /** The body exceeded the size bound. */
    TOO_LARGE,
    /** The body held lines but none was a valid entry. */
    MALFORMED;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;

  public IndexFeedException(Reason reason, String message) {
    this(reason, message, null);
  }

  public IndexFeedException(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
