package io.goproxymirror.gomod;

/**
 * A module path, import path, file path or version that the go command would refuse, or one too
 * long to be stored. The message is the reason in the go command's words, on one line of at most
 * 400 characters, so that it may be shown to a client as it is.
 */
public final class InvalidModuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_MESSAGE_CHARS = 400;

  public InvalidModuleException(String message) {
    super(oneLine(message), null, false, false);
  }

  private static String oneLine(String message) {
    String s = message.replace('\r', ' ').replace('\n', ' ');
    return s.length() > MAX_MESSAGE_CHARS ? s.substring(0, MAX_MESSAGE_CHARS) : s;
  }
}
