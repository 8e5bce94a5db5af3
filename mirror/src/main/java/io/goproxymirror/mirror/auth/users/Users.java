package io.goproxymirror.mirror.auth.users;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users of one version of the users file, immutable. Tokens are checked by their SHA-256,
 * compared in constant time ({@link MessageDigest#isEqual}); a Bearer token is found by its hash,
 * so clear tokens are never compared. Each instance is a new generation: caches of validated
 * credentials compare it by identity to notice a reload.
 */
public final class Users {
  private static final Users EMPTY = new Users(List.of());
  /** Compared against when the name is unknown, so that both paths hash and compare once. */
  private static final byte[] NO_HASH = new byte[TokenHash.BYTES];

  private final Map<String, User> byName = new LinkedHashMap<>();
  private final Map<String, User> byHash = new HashMap<>();

  /**
   * @param users users with distinct names and distinct token hashes
   * @throws IllegalArgumentException if two share a name or a token hash
   */
  public Users(List<User> users) {
    for (User user : users) {
      if (byName.putIfAbsent(user.name(), user) != null) {
        throw new IllegalArgumentException("two users are named " + user.name());
      }
      if (byHash.putIfAbsent(TokenHash.hex(user.tokenSha256()), user) != null) {
        throw new IllegalArgumentException("two users have the same token-sha256 (" + user.name() + ")");
      }
    }
  }

  /** No users. */
  public static Users empty() {
    return EMPTY;
  }

  /** The user named {@code name} if its token is {@code token}; empty otherwise. */
  public Optional<User> checkBasic(String name, String token) {
    byte[] presented = TokenHash.of(token);
    User user = byName.get(name);
    boolean equal = MessageDigest.isEqual(presented, user == null ? NO_HASH : user.tokenSha256());
    return equal && user != null ? Optional.of(user) : Optional.empty();
  }

  /** The user whose token is {@code token}, found by the token's hash; empty if none. */
  public Optional<User> checkBearer(String token) {
    byte[] presented = TokenHash.of(token);
    User user = byHash.get(TokenHash.hex(presented));
    return user != null && MessageDigest.isEqual(presented, user.tokenSha256()) ? Optional.of(user) : Optional.empty();
  }

  /** The user named {@code name}, if any. */
  public Optional<User> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The users in file order. */
  public List<User> all() {
    return List.copyOf(byName.values());
  }

  /** How many users there are. */
  public int size() {
    return byName.size();
  }
}
