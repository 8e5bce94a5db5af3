package io.goproxymirror.mirror.tls;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * The bytes of one certificate file and one key file, as read together. {@link #check} proves
 * they make a usable pair (both parse, and the key signs what the certificate's public key
 * verifies) before any server is given them. The key bytes never reach a log line or a message.
 */
public final class TlsPair {
  private static final String[] KEY_TYPES = {"RSA", "EC", "EdDSA", "Ed25519", "RSASSA-PSS"};
  private final byte[] cert;
  private final byte[] key;

  private TlsPair(byte[] cert, byte[] key) {
    this.cert = cert;
    this.key = key;
  }

  /** Reads both files (blocking). */
  public static TlsPair read(Path certFile, Path keyFile) {
    try {
      return new TlsPair(Files.readAllBytes(certFile), Files.readAllBytes(keyFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + e.getMessage(), e);
    }
  }

  /** The Vert.x options holding this pair by value, so that a swap never re-reads a file. */
  public PemKeyCertOptions options() {
    return new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key));
  }

  /** Whether {@code other} holds the same bytes. */
  public boolean sameAs(TlsPair other) {
    return other != null && Arrays.equals(cert, other.cert) && Arrays.equals(key, other.key);
  }

  /** A SHA-256 of both files, to tell one broken replacement from the next without keeping it. */
  public String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(cert);
      digest.update(key);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses the pair as a server would (blocking: key parsing is CPU work) and checks that the key
   * belongs to the first certificate.
   *
   * @return the server certificate, for its serial and expiry in log lines
   * @throws IllegalArgumentException with a one-line reason that holds no key material
   */
  public X509Certificate check(Vertx vertx) {
    X509KeyManager manager;
    try {
      KeyManagerFactory factory = options().getKeyManagerFactory(vertx);
      manager = firstX509(factory.getKeyManagers());
    } catch (Exception e) {
      throw new IllegalArgumentException("not a PEM certificate and private key pair: " + reason(e));
    }
    for (String type : KEY_TYPES) {
      String[] aliases = manager.getServerAliases(type, null);
      if (aliases == null) {
        continue;
      }
      for (String alias : aliases) {
        X509Certificate[] chain = manager.getCertificateChain(alias);
        PrivateKey privateKey = manager.getPrivateKey(alias);
        if (chain != null && chain.length > 0 && privateKey != null) {
          if (!matches(privateKey, chain[0].getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to the certificate");
          }
          return chain[0];
        }
      }
    }
    throw new IllegalArgumentException("no usable certificate and private key found");
  }

  private static X509KeyManager firstX509(KeyManager[] managers) {
    for (KeyManager manager : managers) {
      if (manager instanceof X509KeyManager x509) {
        return x509;
      }
    }
    throw new IllegalArgumentException("no X.509 key manager");
  }

  /** Signs a probe with the key and verifies it with the certificate's public key. */
  private static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    String algorithm = switch (privateKey.getAlgorithm().toUpperCase(Locale.ROOT)) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "ED25519", "EDDSA" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null) {
      return true; // an algorithm without a probe here; the handshake will tell
    }
    try {
      byte[] probe = "goproxy-mirror tls pair check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (Exception e) {
      return false;
    }
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip().replace('\n', ' ');
  }
}
