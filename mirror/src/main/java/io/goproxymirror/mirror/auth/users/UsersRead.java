package io.goproxymirror.mirror.auth.users;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One look at the users file: unchanged since the version last seen, loaded, or bad. A version is
 * known by its fingerprint (the SHA-256 of its content, or the reason it could not be read), so
 * each bad version is reported once.
 *
 * @param fingerprint what identifies this version of the file
 * @param unchanged whether the fingerprint is the one last seen (then nothing else is set)
 * @param users the users, when the file loaded
 * @param error why it did not
 */
record UsersRead(String fingerprint, boolean unchanged, Optional<Users> users, Optional<UsersFileException> error) {

  /** Reads and, if it changed since {@code lastSeen}, parses the file. Blocking. */
  static UsersRead of(Path file, String lastSeen) {
    byte[] content;
    try {
      content = UsersFile.read(file);
    } catch (UsersFileException e) {
      String fingerprint = "unreadable: " + e.getMessage();
      return fingerprint.equals(lastSeen) ? unchanged(fingerprint)
          : new UsersRead(fingerprint, false, Optional.empty(), Optional.of(e));
    }
    String hash = "sha256:" + TokenHash.hex(TokenHash.digest(content));
    if (hash.equals(lastSeen)) {
      return unchanged(hash);
    }
    try {
      return new UsersRead(hash, false, Optional.of(UsersFile.parse(content, file.toString())), Optional.empty());
    } catch (UsersFileException e) {
      return new UsersRead(hash, false, Optional.empty(), Optional.of(e));
    }
  }

  private static UsersRead unchanged(String fingerprint) {
    return new UsersRead(fingerprint, true, Optional.empty(), Optional.empty());
  }
}
