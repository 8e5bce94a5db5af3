package io.goproxymirror.mirror.fetch.git;

import java.util.regex.Pattern;

/** Repository URLs and messages with any user information ({@code user:secret@}) removed. */
final class RedactedUrl {
  private static final Pattern USERINFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@");

  private RedactedUrl() {}

  /** {@code https://user:token@host/x} → {@code https://host/x}; SSH user names go too. */
  static String of(String text) {
    return text == null ? "" : USERINFO.matcher(text).replaceAll("$1");
  }
}
