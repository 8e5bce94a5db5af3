package io.goproxymirror.mirror.errors;

/**
 * Base of the mirror's typed errors. Each subtype maps to one HTTP status in the failure handler;
 * the message is a single line that is safe to show to a client (never a secret or a stack trace).
 */
public abstract class MirrorException extends RuntimeException {
  protected MirrorException(String message) {
    super(oneLine(message), null, false, false);
  }

  protected MirrorException(String message, Throwable cause) {
    super(oneLine(message), cause, false, false);
  }

  /** The HTTP status this error is answered with. */
  public abstract int status();

  private static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    String s = message.replace('\r', ' ').replace('\n', ' ');
    return s.length() > 400 ? s.substring(0, 400) : s;
  }
}
