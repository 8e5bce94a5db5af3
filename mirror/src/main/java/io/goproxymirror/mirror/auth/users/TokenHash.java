package io.goproxymirror.mirror.auth.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a token (its UTF-8 bytes), as the users file stores it. */
public final class TokenHash {
  /** The length of a SHA-256 in bytes. */
  public static final int BYTES = 32;

  /** One digest per thread: looking the algorithm up costs more than hashing a header. */
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(TokenHash::newDigest);

  private TokenHash() {}

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The SHA-256 of the UTF-8 bytes of {@code token}. */
  public static byte[] of(String token) {
    return digest(token.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of {@code bytes}. */
  public static byte[] digest(byte[] bytes) {
    return DIGEST.get().digest(bytes);
  }

  /** {@code hash} in lower-case hex. */
  public static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }
}
