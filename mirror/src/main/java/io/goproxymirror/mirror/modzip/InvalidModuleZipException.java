package io.goproxymirror.mirror.modzip;

/** A module zip the go command would refuse; the message is one line, safe to show a client. */
public final class InvalidModuleZipException extends Exception {
  public InvalidModuleZipException(String oneLineMessage) {
    super(oneLine(oneLineMessage));
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replace('\r', ' ').replace('\n', ' ');
  }
}
