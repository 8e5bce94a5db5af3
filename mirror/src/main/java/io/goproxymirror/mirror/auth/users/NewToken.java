package io.goproxymirror.mirror.auth.users;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * A new random token for a user and the users-file entry that admits it. The token is 32 bytes
 * from {@link SecureRandom}, URL-safe Base64 without padding (43 characters, no {@code :} or
 * {@code .}, so it fits a {@code .netrc} password and is never taken for a JWT).
 *
 * @param name the user name
 * @param token the token in clear, to hand to the user once; it is not stored
 * @param groups the user's groups
 */
public record NewToken(String name, String token, List<String> groups) {
  /** Random bytes per token. */
  public static final int BYTES = 32;

  public NewToken {
    groups = List.copyOf(groups);
  }

  /**
   * A fresh token for {@code name}.
   *
   * @throws IllegalArgumentException if the name or a group could not be written in the users file
   */
  public static NewToken generate(String name, List<String> groups, SecureRandom random) {
    if (!UsersFile.NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("the name must be 1 to 128 letters, digits or . _ @ + - (no colon or space)");
    }
    for (String group : groups) {
      if (!UsersFile.GROUP.matcher(group).matches()) {
        throw new IllegalArgumentException("group \"" + group + "\": must be 1 to 128 letters, digits or . _ @ / + -");
      }
    }
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return new NewToken(name, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), groups);
  }

  /** The hex SHA-256 of the token, for {@code token-sha256}. */
  public String tokenSha256() {
    return TokenHash.hex(TokenHash.of(token));
  }

  /** The entry to paste under {@code users:}, as YAML lines. */
  public String usersFileEntry() {
    return "  - name: \"" + name + "\"\n"
        + "    token-sha256: \"" + tokenSha256() + "\"\n"
        + "    groups: [" + String.join(", ", groups.stream().map(g -> "\"" + g + "\"").toList()) + "]\n";
  }

  /** The name and groups; the token is left out. */
  @Override
  public String toString() {
    return "NewToken[name=" + name + ", groups=" + groups + "]";
  }
}
