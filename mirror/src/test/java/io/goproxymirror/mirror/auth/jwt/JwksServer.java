package io.goproxymirror.mirror.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JWKS endpoint on a free loopback port: serves the public part of the keys it was given at
 * {@code /jwks}, counts the requests, and can be told to answer with a status, an oversized body,
 * or not at all.
 */
public final class JwksServer implements AutoCloseable {
  /** How the server answers. */
  public enum Mode { KEYS, ERROR_500, HUGE, SILENT }

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile List<JWK> keys;
  private volatile Mode mode = Mode.KEYS;

  private JwksServer(Vertx vertx, List<JWK> keys) throws Exception {
    this.keys = List.copyOf(keys);
    this.server = vertx.createHttpServer().requestHandler(req -> {
      requests.incrementAndGet();
      switch (mode) {
        case KEYS -> req.response().putHeader("Content-Type", "application/jwk-set+json")
            .end(new JWKSet(new ArrayList<>(this.keys)).toPublicJWKSet().toString());
        case ERROR_500 -> req.response().setStatusCode(500).end("down\n");
        case HUGE -> req.response().setChunked(true).end("x".repeat(1 << 20));
        case SILENT -> { }
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  public static JwksServer start(Vertx vertx, JWK... keys) throws Exception {
    return new JwksServer(vertx, List.of(keys));
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/jwks");
  }

  public void keys(JWK... now) {
    keys = List.of(now);
  }

  public void mode(Mode now) {
    mode = now;
  }

  public int requests() {
    return requests.get();
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
