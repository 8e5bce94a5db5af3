package io.goproxymirror.gomod;

/**
 * A go.mod the go command would refuse to read. The message is {@code go.mod:LINE: REASON}, the
 * reason in the go command's words.
 */
public final class GoModSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String reason;

  public GoModSyntaxException(int line, String reason) {
    super("go.mod:" + line + ": " + reason);
    this.line = line;
    this.reason = reason;
  }

  /** The line, counted from 1. */
  public int line() {
    return line;
  }

  /** What is wrong, without the file and line. */
  public String reason() {
    return reason;
  }
}
