package io.goproxymirror.config.auth;

import java.util.Locale;

/** {@code auth.anonymous}: what clients without credentials may read. */
public enum AnonymousAccess {
  /** Every module no rule restricts and that is neither {@code private} nor {@code noproxy}. */
  PUBLIC,
  /** Nothing but {@code /healthz} and {@code /readyz}: every other request needs credentials. */
  NONE;

  /**
   * {@code public} or {@code none}, in any letter case.
   *
   * @throws IllegalArgumentException otherwise, with the reason
   */
  public static AnonymousAccess parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "public" -> PUBLIC;
      case "none" -> NONE;
      default -> throw new IllegalArgumentException("must be public or none; got \"" + text.strip() + "\"");
    };
  }
}
