package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and one server certificate it signed, as PEM files made with
 * {@code openssl} (P-256 keys, valid for a day). Skips the test when {@code openssl} is absent, see
 * {@link RequiredTools}.
 *
 * @param caCertificate the CA certificate, to trust
 * @param serverCertificate the server certificate, for the subject alternative names given
 * @param serverKey the server's unencrypted private key
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

  /**
   * @param subjectAltNames such as {@code DNS:localhost} or {@code IP:127.0.0.1}
   */
  public static TestCertificates create(Path dir, String... subjectAltNames) {
    Path openssl = RequiredTools.require("openssl");
    try {
      Files.createDirectories(dir);
      Path caKey = dir.resolve("ca.key");
      Path ca = dir.resolve("ca.crt");
      Path key = dir.resolve("server.key");
      Path csr = dir.resolve("server.csr");
      Path cert = dir.resolve("server.crt");
      Path ext = Files.writeString(dir.resolve("server.ext"), "subjectAltName=" + String.join(",", subjectAltNames) + "\n");
      run(dir, openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
          "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(), "-days", "1", "-subj", "/CN=goproxy-mirror test CA");
      run(dir, openssl.toString(), "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
          "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=redis test server");
      run(dir, openssl.toString(), "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
          "-CAcreateserial", "-out", cert.toString(), "-days", "1", "-extfile", ext.toString());
      return new TestCertificates(ca, cert, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(Path dir, String... command) throws IOException {
    Path output = dir.resolve("openssl.log");
    Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(output));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
