package io.goproxymirror.mirror.modzip;

/** What git's checkout does with line endings for one file, given its attributes. */
public enum EolConversion {
  /** The bytes are left as they are. */
  NONE,
  /** Every LF not preceded by CR becomes CRLF ({@code eol=crlf}, {@code text eol=crlf}). */
  TO_CRLF,
  /**
   * As {@link #TO_CRLF}, but only when the content has no CR at all and does not look binary
   * ({@code text=auto eol=crlf}).
   */
  TO_CRLF_IF_TEXT
}
