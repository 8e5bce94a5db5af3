package io.goproxymirror.mirror.testkit;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A reverse proxy on a free loopback port in front of an {@link S3Server}, to break S3 on cue:
 * requests that match a {@link #failWhen} rule get a 500 {@code InternalError} (and never reach
 * S3), those that match a {@link #stallWhen} rule get no answer at all; the rest pass through with
 * their Host header unchanged, so their signatures stay valid. Rules see a request as {@code
 * METHOD /path?query}; {@link #requests} lists every request so seen.
 */
public final class S3Front implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP =
      Set.of("host", "expect", "connection", "keep-alive", "transfer-encoding");
  private static final String INJECTED_ERROR = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<Error><Code>InternalError</Code><Message>injected by S3Front</Message></Error>";

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client = vertx.createHttpClient();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final S3Server target;
  private final LoopbackServer server;
  private volatile Predicate<String> fail = line -> false;
  private volatile Predicate<String> stall = line -> false;

  private S3Front(S3Server target) {
    this.target = target;
    this.server = LoopbackServer.await(LoopbackServer.listen(vertx, this::handle));
  }

  /** A front for {@code target} that passes everything through. */
  public static S3Front start(S3Server target) {
    return new S3Front(target);
  }

  /** {@code http://127.0.0.1:<port>} of the front. */
  public URI endpoint() {
    return URI.create(server.baseUrl());
  }

  /** Answers matching requests with 500 InternalError from now on. */
  public S3Front failWhen(Predicate<String> rule) {
    this.fail = rule;
    return this;
  }

  /** Leaves matching requests unanswered from now on. */
  public S3Front stallWhen(Predicate<String> rule) {
    this.stall = rule;
    return this;
  }

  /** Every request so far as {@code METHOD /path?query}, in arrival order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpServerRequest req) {
    req.pause();
    String line = req.method().name() + " " + req.uri();
    requests.add(line);
    if (stall.test(line)) {
      return;
    }
    if (fail.test(line)) {
      req.response().setStatusCode(500)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/xml")
          .putHeader(HttpHeaders.CONNECTION, "close")
          .end(INJECTED_ERROR);
      return;
    }
    RequestOptions options = new RequestOptions()
        .setMethod(req.method())
        .setServer(SocketAddress.inetSocketAddress(target.port(), "127.0.0.1"))
        .setHost("127.0.0.1")
        .setPort(server.port())
        .setURI(req.uri());
    client.request(options).onComplete(created -> {
      if (created.failed()) {
        req.response().setStatusCode(502).end();
        return;
      }
      var upstream = created.result();
      copy(req.headers(), upstream.headers());
      boolean hasBody = req.headers().contains(HttpHeaders.CONTENT_LENGTH)
          && !"0".equals(req.getHeader(HttpHeaders.CONTENT_LENGTH));
      if (hasBody && "100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT))) {
        req.response().writeContinue();
      }
      var sent = hasBody ? upstream.send(req) : upstream.send();
      if (!hasBody) {
        req.resume();
      }
      sent.onComplete(answered -> {
        if (answered.failed()) {
          req.response().setStatusCode(502).end();
        } else {
          relay(answered.result(), req.response());
        }
      });
    });
  }

  private static void relay(HttpClientResponse from, HttpServerResponse to) {
    to.setStatusCode(from.statusCode());
    copy(from.headers(), to.headers());
    if (!from.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      to.setChunked(true);
    }
    from.pipeTo(to);
  }

  private static void copy(MultiMap from, MultiMap to) {
    for (String name : from.names()) {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        to.set(name, from.getAll(name));
      }
    }
  }

  @Override
  public void close() {
    LoopbackServer.await(server.close());
    LoopbackServer.await(vertx.close());
  }
}
