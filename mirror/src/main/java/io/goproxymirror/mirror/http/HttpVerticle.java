package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.fetch.RxFutures;
import io.reactivex.rxjava3.core.Completable;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.rxjava3.core.AbstractVerticle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One HTTP server instance (one event loop). Several instances share the listening port. The
 * router is assembled by the caller's {@code routes}, then the failure handler is added. Stopping
 * it is graceful: the server stops accepting connections, closes idle ones, and lets requests in
 * flight finish (a download being sent, too) for up to {@code shutdownTimeout} before it closes
 * their connections.
 */
public final class HttpVerticle extends AbstractVerticle {
  /** Longest request line accepted by the HTTP codec; longer module paths are rejected by the parser. */
  private static final int MAX_INITIAL_LINE = 8192;
  private final String host;
  private final int port;
  private final Consumer<Router> routes;
  private final Duration shutdownTimeout;
  private HttpServer server;

  public HttpVerticle(String host, int port, Consumer<Router> routes, Duration shutdownTimeout) {
    this.host = host;
    this.port = port;
    this.routes = routes;
    this.shutdownTimeout = shutdownTimeout;
  }

  /**
   * Requests the HTTP codec could not parse (bad request line, malformed percent-encoding, too
   * long a URI or header): the same one-line plain-text answer as every other client error.
   */
  private static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
      boolean header = cause.getMessage() != null && cause.getMessage().contains("header");
      reject(request, header ? 431 : 414, "request line or headers too long");
    } else {
      reject(request, 400, "malformed HTTP request");
    }
  }

  private static void reject(HttpServerRequest request, int status, String message) {
    request.response().putHeader("Connection", "close");
    FailureHandler.answer(request.response(), false, status, message)
        .onComplete(ar -> request.connection().close());
  }

  @Override
  public Completable rxStart() {
    Router router = Router.router(vertx.getDelegate());
    routes.accept(router);
    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    // Failures raised by the router itself before any route ran (for example a path whose
    // percent-encoding cannot be decoded) get the same one-line answers.
    for (int status : new int[] {400, 404, 405, 413, 414, 500}) {
      router.errorHandler(status, failures);
    }
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setMaxInitialLineLength(MAX_INITIAL_LINE)
        .setMaxHeaderSize(16 * 1024)
        .setIdleTimeout(120)
        .setCompressionSupported(false)
        .setTcpNoDelay(true);
    server = vertx.getDelegate().createHttpServer(options);
    return Completable.create(emitter -> server
        .invalidRequestHandler(HttpVerticle::invalidRequest)
        .requestHandler(request -> {
          // The router normalises the path before matching and fails on an undecodable escape.
          if (RawPath.wellEscaped(request)) {
            router.handle(request);
          } else {
            reject(request, 400, "bad request: malformed percent-encoding in the request path");
          }
        })
        .listen()
        .onComplete(ar -> {
          if (ar.succeeded()) {
            emitter.onComplete();
          } else {
            emitter.onError(ar.cause());
          }
        }));
  }

  @Override
  public Completable rxStop() {
    return server == null
        ? Completable.complete()
        : RxFutures.completable(server.shutdown(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS));
  }
}
