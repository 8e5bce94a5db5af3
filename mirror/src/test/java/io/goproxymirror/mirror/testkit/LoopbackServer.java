package io.goproxymirror.mirror.testkit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A Vert.x HTTP server on a free port of 127.0.0.1; the shared base of the test servers. */
final class LoopbackServer {

  private final HttpServer server;

  private LoopbackServer(HttpServer server) {
    this.server = server;
  }

  static Future<LoopbackServer> listen(Vertx vertx, Handler<HttpServerRequest> handler) {
    return listen(vertx, 0, handler);
  }

  /** Listens on {@code port} of 127.0.0.1 (0 for a free one), e.g. to come back where a stopped server was. */
  static Future<LoopbackServer> listen(Vertx vertx, int port, Handler<HttpServerRequest> handler) {
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port);
    return vertx.createHttpServer(options).requestHandler(handler).listen().map(LoopbackServer::new);
  }

  int port() {
    return server.actualPort();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  Future<Void> close() {
    return server.close();
  }

  /** Blocks the calling (non event-loop) thread for at most 30 s until {@code future} completes. */
  static <T> T await(Future<T> future) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("cannot block an event loop; use the Future-returning method");
    }
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out waiting for the test server", e);
    }
  }
}
