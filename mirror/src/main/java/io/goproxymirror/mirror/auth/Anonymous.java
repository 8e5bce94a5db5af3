package io.goproxymirror.mirror.auth;

import java.util.Locale;

/** {@code auth.anonymous}: what clients without credentials may read. */
public enum Anonymous {
  /** What no rule restricts (and is neither {@code private} nor {@code noproxy}). */
  PUBLIC,
  /** Nothing: every request needs credentials. */
  NONE;

  /**
   * {@code public} or {@code none}, in any case.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static Anonymous parse(String text) {
    return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
      case "public" -> PUBLIC;
      case "none" -> NONE;
      default -> throw new IllegalArgumentException("must be public or none");
    };
  }
}
