package io.goproxymirror.mirror.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.Locale;
import java.util.Set;

/**
 * An https reverse proxy on a free loopback port in front of a plain-http server (such as a mirror
 * started by a test), with a certificate of {@link TestCertificates}: lets the go command, which
 * sends {@code .netrc} credentials only over https, talk to an http-only server. Request and
 * response pass through unchanged but for the hop-by-hop headers.
 */
public final class TlsFront implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP =
      Set.of("host", "connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te");

  private final HttpServer server;
  private final HttpClient client;

  private TlsFront(HttpServer server, HttpClient client) {
    this.server = server;
    this.client = client;
  }

  /** Serves https on 127.0.0.1 with {@code certificates}, forwarding to http://127.0.0.1:{@code targetPort}. */
  public static TlsFront start(Vertx vertx, TestCertificates certificates, int targetPort) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(targetPort));
    HttpServer server = vertx.createHttpServer(new HttpServerOptions()
        .setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertPath(certificates.serverCertificate().toString())
            .setKeyPath(certificates.serverKey().toString())));
    server.requestHandler(request -> forward(client, request));
    try {
      return new TlsFront(server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(), client);
    } catch (Exception e) {
      throw new IllegalStateException("TLS front did not start", e);
    }
  }

  private static void forward(HttpClient client, HttpServerRequest request) {
    RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(request.uri());
    request.headers().forEach(h -> {
      if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        options.addHeader(h.getKey(), h.getValue());
      }
    });
    request.body().compose(body -> client.request(options).compose(outbound -> outbound.send(body)))
        .onComplete(done -> {
      if (done.failed()) {
        request.response().setStatusCode(502).end("TLS front: " + done.cause() + "\n");
        return;
      }
      HttpClientResponse response = done.result();
      request.response().setStatusCode(response.statusCode());
      response.headers().forEach(h -> {
        if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT)) && !h.getKey().equalsIgnoreCase("content-length")) {
          request.response().headers().add(h.getKey(), h.getValue());
        }
      });
      response.body().onComplete(body -> {
        if (body.succeeded()) {
          request.response().end(body.result());
        } else {
          request.response().reset();
        }
      });
    });
  }

  /** The https base URL, {@code https://127.0.0.1:port}. */
  public String baseUrl() {
    return "https://127.0.0.1:" + server.actualPort();
  }

  @Override
  public void close() {
    server.close().toCompletionStage().toCompletableFuture().join();
    client.close().toCompletionStage().toCompletableFuture().join();
  }
}
