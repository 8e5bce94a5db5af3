package io.goproxymirror.config;

import java.util.Optional;

/**
 * {@code admin.*}: the admin API ({@code /admin/warm}, {@code /admin/sync}).
 *
 * @param token {@code admin.token} (env {@code MIRROR_ADMIN_TOKEN}): the bearer token every admin
 *     request must present; empty (the default) turns the admin API off. At least 16 characters,
 *     no white space. Never printed.
 */
public record AdminConfig(Optional<String> token) {
  /** The smallest token length accepted. */
  public static final int MIN_TOKEN_LENGTH = 16;

  /** Checks a token's shape; the reason never contains the value. */
  public static Optional<String> parseToken(String text) {
    String token = text.strip();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (token.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "must be at least " + MIN_TOKEN_LENGTH + " characters (or empty to turn the admin API off)");
    }
    if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException("must not contain white space or control characters");
    }
    return Optional.of(token);
  }

  @Override
  public String toString() {
    return "AdminConfig[token=" + (token.isPresent() ? "(set)" : "(none)") + "]";
  }
}
