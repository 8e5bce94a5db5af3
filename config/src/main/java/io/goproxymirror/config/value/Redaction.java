package io.goproxymirror.config.value;

import java.util.regex.Pattern;

/** Hides the userinfo ({@code user:password@}) of URLs in text meant for messages and logs. */
public final class Redaction {

  /** Userinfo after a scheme, or at the start of a token that is quoted or starts a list entry. */
  private static final Pattern USERINFO =
      Pattern.compile("(://|^|[\\s\"',|(\\[])[^\\s\"'/,|@\\[\\]]+@");

  private Redaction() {}

  /** {@code https://u:p@host/x} becomes {@code https://***@host/x}; null stays null. */
  public static String userinfo(String text) {
    return text == null ? null : USERINFO.matcher(text).replaceAll("$1***@");
  }
}
