package io.goproxymirror.mirror.auth.users;

/**
 * A users file that cannot be used: unreadable, malformed YAML or a bad entry. The message is one
 * line naming the file and the entry and key at fault, such as {@code users file /etc/u.yaml:
 * users[1] ("ci-bot").token-sha256: expected 64 hex digits, found 12 characters}; it never quotes a
 * token-sha256 value (a token pasted there by mistake must not reach a log).
 */
public final class UsersFileException extends RuntimeException {
  public UsersFileException(String message) {
    super(message, null, false, false);
  }
}
