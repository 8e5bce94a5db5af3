package io.goproxymirror.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code server.tls.*}: the PEM certificate chain and private key the mirror serves HTTPS with.
 * Both files are given or neither; with neither the server speaks plain HTTP. The loader checks
 * that both exist and are readable; the mirror checks at start that they hold a usable pair.
 *
 * @param certFile {@code server.tls.cert-file} (env {@code MIRROR_SERVER_TLS_CERT_FILE}): the
 *     server certificate followed by its intermediates, PEM
 * @param keyFile {@code server.tls.key-file} (env {@code MIRROR_SERVER_TLS_KEY_FILE}): the
 *     private key of the certificate, PEM (PKCS#8, PKCS#1 RSA or SEC1 EC)
 * @param reloadCheck {@code server.tls.reload-check}, default 30s: how often both files are
 *     checked for a change (a certificate rotated by cert-manager) and reloaded
 */
public record ServerTlsConfig(Optional<Path> certFile, Optional<Path> keyFile, Duration reloadCheck) {

  /** Plain HTTP, with the default check interval. */
  public static final ServerTlsConfig OFF =
      new ServerTlsConfig(Optional.empty(), Optional.empty(), Duration.ofSeconds(30));

  public ServerTlsConfig {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(reloadCheck, "reloadCheck");
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalArgumentException("server.tls.cert-file and server.tls.key-file go together");
    }
  }

  /** Whether HTTPS is served. */
  public boolean enabled() {
    return certFile.isPresent();
  }
}
