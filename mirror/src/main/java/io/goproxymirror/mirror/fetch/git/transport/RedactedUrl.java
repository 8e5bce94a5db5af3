package io.goproxymirror.mirror.fetch.git.transport;

import io.goproxymirror.mirror.fetch.RedactedText;

/** Repository URLs, messages and causes with any user information ({@code user:secret@}) removed. */
public final class RedactedUrl {
  private RedactedUrl() {}

  /** {@code https://user:token@host/x} → {@code https://host/x}; SSH user names go too. */
  public static String of(String text) {
    return text == null ? "" : RedactedText.USERINFO.matcher(text).replaceAll("$1");
  }

  /** The chain of causes (type and message), one line, user information removed, for logs. */
  public static String describe(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null && text.length() < 400; t = t.getCause()) {
      if (text.length() > 0) {
        text.append(": ");
      }
      text.append(t.getClass().getSimpleName()).append(' ').append(t.getMessage());
    }
    return of(text.toString()).replaceAll("[\\r\\n\"]+", " ");
  }
}
