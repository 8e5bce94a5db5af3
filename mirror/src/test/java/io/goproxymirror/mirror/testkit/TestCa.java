package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority made with {@code openssl}, issuing server certificates for
 * {@code 127.0.0.1} and {@code localhost} with a chosen serial and key format. Skips the test when
 * {@code openssl} is absent, unless tools are required.
 */
public final class TestCa {
  /** The key formats a server pair may come in. */
  public enum KeyFormat {
    /** RSA 2048, {@code BEGIN PRIVATE KEY}. */
    RSA_PKCS8,
    /** RSA 2048, {@code BEGIN RSA PRIVATE KEY}. */
    RSA_PKCS1,
    /** P-256, {@code BEGIN EC PRIVATE KEY}. */
    EC_SEC1,
    /** P-256, {@code BEGIN PRIVATE KEY}. */
    EC_PKCS8
  }

  /** A server certificate and key as PEM files. */
  public record Pair(Path cert, Path key) {}

  private final Path dir;
  private final Path openssl;
  private final Path caCert;
  private final Path caKey;

  private TestCa(Path dir, Path openssl) {
    this.dir = dir;
    this.openssl = openssl;
    this.caCert = dir.resolve("ca.crt");
    this.caKey = dir.resolve("ca.key");
  }

  /** A new CA in {@code dir}. */
  public static TestCa create(Path dir) {
    TestCa ca = new TestCa(dir, RequiredTools.require("openssl"));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ca.run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca.caKey.toString(), "-out",
        ca.caCert.toString(), "-days", "2", "-subj", "/CN=goproxy-mirror TLS test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    return ca;
  }

  /** The CA certificate, to trust. */
  public Path certificate() {
    return caCert;
  }

  /**
   * A server pair named {@code name} (files {@code name.crt}, {@code name.key}) with {@code serial},
   * for 127.0.0.1 and localhost.
   */
  public Pair issue(String name, long serial, KeyFormat format) {
    return issue(name, serial, format, "IP:127.0.0.1,DNS:localhost");
  }

  /** As {@link #issue(String, long, KeyFormat)}, for the names {@code subjectAltName} (such as {@code DNS:localhost}). */
  public Pair issue(String name, long serial, KeyFormat format, String subjectAltName) {
    Path key = dir.resolve(name + ".key");
    Path csr = dir.resolve(name + ".csr");
    Path cert = dir.resolve(name + ".crt");
    Path ext = dir.resolve(name + ".ext");
    try {
      Files.writeString(ext, "subjectAltName=" + subjectAltName + "\nbasicConstraints=CA:FALSE\n"
          + "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    switch (format) {
      case RSA_PKCS8 -> run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString());
      case RSA_PKCS1 -> run("genrsa", "-traditional", "-out", key.toString(), "2048");
      case EC_SEC1 -> run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
      case EC_PKCS8 -> run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
      default -> throw new IllegalArgumentException(format.toString());
    }
    run("req", "-new", "-key", key.toString(), "-out", csr.toString(), "-subj", "/CN=localhost");
    run("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(), "-set_serial",
        Long.toString(serial), "-days", "1", "-out", cert.toString(), "-extfile", ext.toString());
    return new Pair(cert, key);
  }

  /** An SSL context that trusts this CA only. */
  public SSLContext clientContext() {
    try (InputStream in = Files.newInputStream(caCert)) {
      X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("ca", ca);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The serial of the certificate in {@code cert}. */
  public static BigInteger serial(Path cert) {
    try (InputStream in = Files.newInputStream(cert)) {
      return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getSerialNumber();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(openssl.toString());
    command.addAll(List.of(args));
    Path output = dir.resolve("openssl.log");
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(output));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
