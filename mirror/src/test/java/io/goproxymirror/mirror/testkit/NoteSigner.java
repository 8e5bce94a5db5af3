package io.goproxymirror.mirror.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs notes in the golang.org/x/mod/sumdb/note format with a fresh Ed25519 key (the JDK's EdDSA
 * provider). The verifier key is {@code <name>+<8 hex key hash>+<base64(0x01 || public key)>}
 * with the key hash the first 4 bytes of SHA-256(name || "\n" || 0x01 || public key); a signed
 * note is the text, a blank line, and {@code — <name> <base64(key hash || signature)>}.
 */
final class NoteSigner {
  private static final byte ALG_ED25519 = 1;
  private final String name;
  private final KeyPair keys;
  private final byte[] publicKey;
  private final byte[] keyHash;

  NoteSigner(String name) {
    this.name = name;
    try {
      this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    byte[] encoded = keys.getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    this.publicKey = ByteBuffer.allocate(33).put(ALG_ED25519).put(raw).array();
    byte[] digest = TransparentLog.sha256((name + "\n").getBytes(StandardCharsets.UTF_8), publicKey);
    this.keyHash = Arrays.copyOf(digest, 4);
  }

  String verifierKey() {
    return name + "+" + HexFormat.of().formatHex(keyHash) + "+" + Base64.getEncoder().encodeToString(publicKey);
  }

  /** {@code text} (ending in a newline) as a signed note. */
  String sign(String text) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(keys.getPrivate());
      signer.update(text.getBytes(StandardCharsets.UTF_8));
      byte[] signature = signer.sign();
      byte[] line = ByteBuffer.allocate(4 + signature.length).put(keyHash).put(signature).array();
      return text + "\n\u2014 " + name + " " + Base64.getEncoder().encodeToString(line) + "\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
