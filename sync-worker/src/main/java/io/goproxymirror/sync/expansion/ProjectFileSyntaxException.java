package io.goproxymirror.sync.expansion;

/** A go.mod or go.sum that cannot be read; the message names the file and the line. */
public final class ProjectFileSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int line;

  public ProjectFileSyntaxException(String file, int line, String reason) {
    super(file + ":" + line + ": " + reason);
    this.line = line;
  }

  /** The line, counted from 1. */
  public int line() {
    return line;
  }
}
