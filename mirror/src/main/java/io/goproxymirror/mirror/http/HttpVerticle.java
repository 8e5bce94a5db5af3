package io.goproxymirror.mirror.http;

import io.goproxymirror.mirror.logs.ThrottledLog;
import io.goproxymirror.mirror.rx.RxFutures;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.reactivex.rxjava3.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.ext.web.Router;
import io.vertx.rxjava3.core.AbstractVerticle;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One HTTP server instance (one event loop). Several instances share the listening port. The
 * router is assembled by the caller's {@code routes}, then the failure handler is added. Stopping
 * it is graceful: the server stops accepting connections, closes idle ones, and lets requests in
 * flight finish (a download being sent, too) for up to {@code shutdownTimeout} before it closes
 * their connections. Before that, while the process drains ({@link ServerDrain}), each connection
 * is closed after the answer to its request, and once the drain closes, a request that still
 * arrives is refused with 503.
 *
 * <p>Plain HTTP is HTTP/1.1 only (no h2c). With TLS ({@link HttpSettings#tls()}) the port serves
 * HTTPS only, offering h2 and http/1.1 through ALPN. Each HTTP/1.1 connection's pipeline (plain or
 * over TLS, where Vert.x names its handlers the same) is set up when it opens: Vert.x's request
 * decoder is replaced by the {@link StrictRequestDecoder} and a {@link HeaderDeadline} is added.
 * Vert.x has no public option for either, so the pipeline is reached through its internal {@code
 * HttpServerConnection}. An h2 connection has no HTTP/1.1 decoder to replace: Netty's HTTP/2
 * codec frames it, within the limits of {@link #H2_SETTINGS} and Vert.x's reset-flood guard, and
 * the TLS handshake timeout and idle timeout bound slow clients.
 */
public final class HttpVerticle extends AbstractVerticle {
  /** Longest request line accepted by the HTTP codec; longer module paths are rejected by the parser. */
  private static final int MAX_INITIAL_LINE = 8192;
  /** Largest request head accepted, as for HTTP/1.1. */
  private static final int MAX_HEADER_SIZE = 16 * 1024;
  /**
   * HTTP/2 limits: as many concurrent streams as a go command opens with its default parallelism
   * and then some, the same header budget as HTTP/1.1, and no server push.
   */
  static final Http2Settings H2_SETTINGS = new Http2Settings()
      .setMaxConcurrentStreams(128)
      .setMaxHeaderListSize(MAX_HEADER_SIZE)
      .setPushEnabled(false);
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  private final HttpSettings settings;
  private final ThrottledLog log;
  private final Consumer<Router> routes;
  private final ServerDrain drain;
  private HttpServer server;

  public HttpVerticle(HttpSettings settings, ThrottledLog log, Consumer<Router> routes, ServerDrain drain) {
    this.settings = settings;
    this.log = log;
    this.routes = routes;
    this.drain = drain;
  }

  /**
   * Requests the HTTP codec could not parse (bad request line, malformed percent-encoding, too
   * long a URI or header): the same one-line plain-text answer as every other client error.
   */
  private static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    if (cause instanceof HttpFramingException framing) {
      reject(request, 400, framing.getMessage());
    } else if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
      boolean header = cause.getMessage() != null && cause.getMessage().contains("header");
      reject(request, header ? 431 : 414, "request line or headers too long");
    } else {
      reject(request, 400, "malformed HTTP request");
    }
  }

  /**
   * Answers and, over HTTP/1.x, closes the connection. An h2 stream is answered alone: the
   * connection's other streams are not the culprit, and HTTP/2 has no {@code Connection} header.
   */
  private static void reject(HttpServerRequest request, int status, String message) {
    boolean h2 = request.version() == HttpVersion.HTTP_2;
    if (!h2) {
      request.response().putHeader("Connection", "close");
    }
    FailureHandler.answer(request.response(), false, status, message)
        .onComplete(ar -> {
          if (!h2) {
            request.connection().close();
          }
        });
  }

  /** Answers a connection accepted past the {@link ConnectionBudget}: 503, and it is closed. */
  private void shed(HttpServerRequest request) {
    log.log(LOG, Level.WARN, "event=connection_shed", "reason=\"client connection budget used up\"");
    unavailable(request, "too many connections; retry shortly").onComplete(ar -> request.connection().close());
  }

  /**
   * Once the drain closes, a request that still arrives: 503. An HTTP/1.x connection is closed
   * after it; an h2 connection, which may carry streams still in flight, is left to the server's
   * shutdown (it has had its GOAWAY).
   */
  private static void refuse(HttpServerRequest request) {
    unavailable(request, "shutting down; retry on another replica").onComplete(ar -> {
      if (request.version() != HttpVersion.HTTP_2) {
        request.connection().close();
      }
    });
  }

  /** 503 with {@code Retry-After} and, over HTTP/1.x, {@code Connection: close}. */
  private static Future<Void> unavailable(HttpServerRequest request, String message) {
    request.response().putHeader("Retry-After", "1");
    if (request.version() != HttpVersion.HTTP_2) {
      request.response().putHeader("Connection", "close");
    }
    return FailureHandler.answer(request.response(), false, 503, message);
  }

  /**
   * While draining: the request is served, then its connection is closed, so that the client's
   * next request opens a new connection, which the load balancer sends to a replica still ready.
   * Over HTTP/1.x the answer says {@code Connection: close}; an h2 connection gets a GOAWAY and its
   * open streams finish. Either way the connection is closed at the latest when the server's own
   * shutdown bound (delay and timeout) has run out.
   */
  private void closeAfterAnswer(HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_2) {
      request.response().putHeader("Connection", "close");
    }
    request.connection().shutdown(
        settings.shutdownDelay().plus(settings.shutdownTimeout()).toMillis(), TimeUnit.MILLISECONDS);
  }

  private void handle(Router router, HttpServerRequest request) {
    ServerDrain.Phase phase = drain.phase();
    Channel channel = channel(request.connection());
    if (phase == ServerDrain.Phase.CLOSING) {
      refuse(request);
      return;
    }
    if (channel != null && ConnectionBudget.overBudget(channel)) {
      shed(request);
      return;
    }
    if (phase == ServerDrain.Phase.DRAINING) {
      closeAfterAnswer(request);
    }
    if (RawPath.wellEscaped(request)) {
      // The router normalises the path before matching and fails on an undecodable escape.
      router.handle(request);
    } else {
      reject(request, 400, "bad request: malformed percent-encoding in the request path");
    }
  }

  private static Channel channel(HttpConnection connection) {
    return connection instanceof HttpServerConnection internal
        ? internal.channelHandlerContext().channel()
        : null;
  }

  private void connected(HttpServerOptions options, HttpConnection connection) {
    Channel channel = channel(connection);
    if (channel == null) {
      return;
    }
    ChannelPipeline pipeline = channel.pipeline();
    if (pipeline.get("httpDecoder") == null) {
      return; // h2 negotiated through ALPN: framed by the HTTP/2 codec, limited by H2_SETTINGS
    }
    pipeline.replace("httpDecoder", "httpDecoder", new StrictRequestDecoder(options));
    pipeline.addBefore("handler", "headerDeadline", new HeaderDeadline(settings.headerTimeout(), log));
  }

  private void connectionFailed(Throwable failure) {
    if (failure instanceof IOException) {
      log.log(LOG, Level.DEBUG, "event=connection_error", () -> "reason=\"" + failure.getMessage() + "\"");
    } else {
      log.log(LOG, Level.WARN, "event=connection_error", () -> "reason=\"" + failure + "\"");
    }
  }

  @Override
  public Completable rxStart() {
    Router router = Router.router(vertx.getDelegate());
    routes.accept(router);
    FailureHandler failures = new FailureHandler(log);
    router.route().failureHandler(failures);
    // Failures raised by the router itself before any route ran (for example a path whose
    // percent-encoding cannot be decoded) get the same one-line answers.
    for (int status : new int[] {400, 404, 405, 413, 414, 500}) {
      router.errorHandler(status, failures);
    }
    HttpServerOptions options = new HttpServerOptions()
        .setHost(settings.host())
        .setPort(settings.port())
        .setMaxInitialLineLength(MAX_INITIAL_LINE)
        .setMaxHeaderSize(MAX_HEADER_SIZE)
        .setIdleTimeout(120)
        .setCompressionSupported(false)
        .setHttp2ClearTextEnabled(false)
        .setInitialSettings(H2_SETTINGS)
        .setTcpNoDelay(true);
    settings.tls().ifPresent(tls -> tls.configure(options));
    server = vertx.getDelegate().createHttpServer(options);
    return Completable.create(emitter -> server
        .connectionHandler(connection -> connected(options, connection))
        .exceptionHandler(this::connectionFailed)
        .invalidRequestHandler(HttpVerticle::invalidRequest)
        .requestHandler(request -> handle(router, request))
        .listen()
        .onComplete(ar -> {
          if (ar.succeeded()) {
            settings.tls().ifPresent(tls -> tls.attach(server));
            emitter.onComplete();
          } else {
            emitter.onError(ar.cause());
          }
        }));
  }

  @Override
  public Completable rxStop() {
    if (server == null) {
      return Completable.complete();
    }
    settings.tls().ifPresent(tls -> tls.detach(server));
    return RxFutures.completable(server.shutdown(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS));
  }
}
