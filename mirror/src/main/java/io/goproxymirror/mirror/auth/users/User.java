package io.goproxymirror.mirror.auth.users;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the users file: a name, the SHA-256 of the user's token and the groups.
 *
 * @param name the user name (the Basic user name)
 * @param tokenSha256 the SHA-256 of the token, 32 bytes; callers must not change the array
 * @param groups the groups, possibly none
 */
public record User(String name, byte[] tokenSha256, Set<String> groups) {
  public User {
    Objects.requireNonNull(name, "name");
    if (tokenSha256.length != TokenHash.BYTES) {
      throw new IllegalArgumentException("token-sha256 must be " + TokenHash.BYTES + " bytes");
    }
    tokenSha256 = tokenSha256.clone();
    groups = Set.copyOf(groups);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof User u && name.equals(u.name) && Arrays.equals(tokenSha256, u.tokenSha256)
        && groups.equals(u.groups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(tokenSha256), groups);
  }

  /** The name and groups; the hash is left out. */
  @Override
  public String toString() {
    return "User[name=" + name + ", groups=" + groups + "]";
  }
}
