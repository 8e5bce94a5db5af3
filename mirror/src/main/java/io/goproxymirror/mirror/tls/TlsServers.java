package io.goproxymirror.mirror.tls;

import io.goproxymirror.config.ServerTlsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate and key every HTTP server instance serves, and their reload. The pair is read
 * and checked once at start ({@link #load}); then a Vert.x timer re-reads both files every {@code
 * server.tls.reload-check} on a worker thread, and a changed pair that checks out is handed to
 * every running server with {@link HttpServer#updateSSLOptions}: new connections get it, open ones
 * keep theirs. A broken replacement (a half-written Secret, a key that does not match) keeps the
 * serving pair and is logged once ({@code event=tls_reload_failed}) until the files change again.
 */
public final class TlsServers {
  private static final Logger LOG = LoggerFactory.getLogger(TlsServers.class);
  /** HTTP/2 first, then HTTP/1.1, offered through ALPN. */
  public static final List<HttpVersion> ALPN = List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1);
  private final Path certFile;
  private final Path keyFile;
  private final Duration handshakeTimeout;
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean checking = new AtomicBoolean();
  private volatile TlsPair serving;
  private volatile String lastFailure;

  private TlsServers(Path certFile, Path keyFile, Duration handshakeTimeout, TlsPair serving) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.handshakeTimeout = handshakeTimeout;
    this.serving = serving;
  }

  /**
   * Reads and checks the configured pair (blocking; call it before serving).
   *
   * @param handshakeTimeout the longest a TLS handshake may take
   * @throws IllegalStateException naming both files when the pair cannot be served
   */
  public static TlsServers load(ServerTlsConfig config, Duration handshakeTimeout, Vertx vertx) {
    Path cert = config.certFile().orElseThrow();
    Path key = config.keyFile().orElseThrow();
    TlsPair pair;
    X509Certificate served;
    try {
      pair = TlsPair.read(cert, key);
      served = pair.check(vertx);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot serve HTTPS with server.tls.cert-file " + cert
          + " and server.tls.key-file " + key + ": " + e.getMessage(), e);
    }
    LOG.info("event=tls_loaded cert_file={} serial={} not_after={} engine={}", cert,
        served.getSerialNumber().toString(16), served.getNotAfter().toInstant(), engine());
    return new TlsServers(cert, key, handshakeTimeout, pair);
  }

  /**
   * Sets HTTPS only, the serving pair and ALPN (h2, http/1.1) on {@code options}, with BoringSSL
   * (netty-tcnative) as the TLS engine where its native library loads, else the JDK's.
   */
  public HttpServerOptions configure(HttpServerOptions options) {
    if (engine().equals("openssl")) {
      options.setSslEngineOptions(new OpenSSLEngineOptions());
    }
    return options.setSsl(true)
        .setKeyCertOptions(serving.options())
        .setUseAlpn(true)
        .setAlpnVersions(ALPN)
        .setSslHandshakeTimeout(handshakeTimeout.toMillis())
        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
  }

  /** {@code openssl} when BoringSSL's native library is usable here, else {@code jdk}. */
  public static String engine() {
    return OpenSSLEngineOptions.isAvailable() && OpenSSLEngineOptions.isAlpnAvailable() ? "openssl" : "jdk";
  }

  /** A server instance that is listening: it gets every later pair. */
  public void attach(HttpServer server) {
    servers.add(server);
  }

  /** A server instance that stopped. */
  public void detach(HttpServer server) {
    servers.remove(server);
  }

  /** Starts the periodic check; it ends when Vert.x closes. */
  public long watch(Vertx vertx, Duration every) {
    return vertx.setPeriodic(every.toMillis(), id -> check(vertx));
  }

  /** One check: re-reads the files off the event loop and swaps in a changed, valid pair. */
  void check(Vertx vertx) {
    if (!checking.compareAndSet(false, true)) {
      return;
    }
    vertx.executeBlocking(() -> changed(vertx), false)
        .compose(pair -> pair == null ? Future.succeededFuture() : swap(pair))
        .onComplete(ar -> checking.set(false));
  }

  /** The files' pair when it differs from the serving one and checks out; {@code null} otherwise. */
  private Candidate changed(Vertx vertx) {
    TlsPair read;
    try {
      read = TlsPair.read(certFile, keyFile);
    } catch (RuntimeException e) {
      failed("unreadable:" + e.getMessage(), e.getMessage());
      return null;
    }
    if (read.sameAs(serving)) {
      lastFailure = null;
      return null;
    }
    try {
      return new Candidate(read, read.check(vertx));
    } catch (RuntimeException e) {
      failed(read.fingerprint(), e.getMessage());
      return null;
    }
  }

  private Future<Void> swap(Candidate candidate) {
    ServerSSLOptions options = new ServerSSLOptions()
        .setKeyCertOptions(candidate.pair().options())
        .setUseAlpn(true)
        .setSslHandshakeTimeout(handshakeTimeout.toMillis())
        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    List<Future<Boolean>> updates = servers.stream().map(server -> server.updateSSLOptions(options, true)).toList();
    return Future.all(updates).<Void>mapEmpty().andThen(ar -> {
      if (ar.succeeded()) {
        serving = candidate.pair();
        lastFailure = null;
        LOG.info("event=tls_reloaded cert_file={} serial={} not_after={} servers={}", certFile,
            candidate.certificate().getSerialNumber().toString(16), candidate.certificate().getNotAfter().toInstant(),
            updates.size());
      } else {
        failed(candidate.pair().fingerprint(), ar.cause().toString());
      }
    });
  }

  /** Logs a failed reload once per distinct replacement. */
  private void failed(String which, String reason) {
    if (which.equals(lastFailure)) {
      return;
    }
    lastFailure = which;
    LOG.warn("event=tls_reload_failed cert_file={} key_file={} reason=\"{}\" action=\"keeps serving the previous pair\"",
        certFile, keyFile, reason);
  }

  private record Candidate(TlsPair pair, X509Certificate certificate) {}
}
