package io.goproxymirror.mirror.fetch;

import io.goproxymirror.config.upstream.UpstreamTimeouts;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One upstream GOPROXY server reached over HTTP(S), with its own bounded connection pool and the
 * configured connect, first-byte (until the response headers) and idle (between body chunks)
 * deadlines. Credentials in the URL's userinfo are sent as Basic auth to the URL's origin only
 * (a redirect to another scheme, host or port is followed without them) and never appear in
 * {@link #name()}, logs or errors.
 */
public final class ProxyUpstream {
  private final Vertx vertx;
  private final String name;
  private final String base;
  private final String authorization;
  private final HttpClient client;
  private final UpstreamTimeouts timeouts;

  public ProxyUpstream(Vertx vertx, String url, UpstreamTimeouts timeouts, int connections) {
    this.vertx = vertx;
    this.timeouts = timeouts;
    URI uri = URI.create(url);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    this.name = hostPort + path;
    this.base = uri.getScheme() + "://" + hostPort + path;
    this.authorization =
        uri.getRawUserInfo() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8));
    HttpClientOptions options =
        new HttpClientOptions()
            .setConnectTimeout((int) millis(timeouts.connect()))
            .setKeepAlive(true)
            .setMaxRedirects(5);
    this.client = vertx.httpClientBuilder()
        .with(options)
        .with(new PoolOptions().setHttp1MaxSize(connections))
        .withRedirectHandler(new OriginBoundRedirects(WebOrigin.of(uri), authorization))
        .build();
  }

  /** Upstream name for logs and metrics: host, port and path, never credentials. */
  public String name() {
    return name;
  }

  /** The deadlines of requests to this upstream (its override applied, if it has one). */
  public UpstreamTimeouts timeouts() {
    return timeouts;
  }

  /**
   * GET {@code <base>/<path>}, {@code path} a GOPROXY path (case-escaped, not yet URL-escaped),
   * which is spelled in the URL as the go command spells it ({@link UrlPathEscaping}). Completes
   * with the response once its headers arrive (any status), paused so the caller decides how to
   * consume it; fails with {@link UpstreamTimeoutException} past the connect or first-byte deadline
   * and {@link UpstreamFailedException} on connection errors. A failure of the mirror itself (the
   * request could not be built) fails with that exception unchanged, never as an upstream failure.
   */
  public Future<HttpClientResponse> get(String path) {
    return get(path, Long.MAX_VALUE);
  }

  /**
   * Like {@link #get(String)}, but the connect and first-byte deadlines are cut short so that the
   * response headers arrive before {@code deadlineNanos} ({@link System#nanoTime()} based) or the
   * request fails with {@link UpstreamTimeoutException} and is reset.
   */
  public Future<HttpClientResponse> get(String path, long deadlineNanos) {
    long connectMillis = capped(timeouts.connect(), deadlineNanos);
    if (connectMillis <= 0) {
      return Future.failedFuture(new UpstreamTimeoutException(
          "upstream " + name + " was not asked: the fetch deadline had passed"));
    }
    Promise<HttpClientResponse> promise = Promise.promise();
    Future<HttpClientRequest> opened;
    try {
      RequestOptions options =
          new RequestOptions()
              .setMethod(HttpMethod.GET)
              .setAbsoluteURI(base + "/" + UrlPathEscaping.escape(path))
              .setConnectTimeout(connectMillis)
              .setFollowRedirects(true)
              .putHeader(HttpHeaders.USER_AGENT, "goproxy-mirror");
      if (authorization != null) {
        options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
      }
      opened = client.request(options);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    opened
        .onFailure(err -> promise.tryFail(classify(err, "connect")))
        .onSuccess(
            request -> {
              long firstByte = millis(timeouts.firstByte());
              long left = Math.max(1, capped(timeouts.firstByte(), deadlineNanos));
              long timer =
                  vertx.setTimer(
                      left,
                      id -> {
                        UpstreamTimeoutException timeout =
                            new UpstreamTimeoutException(
                                "upstream " + name + " sent no response headers within "
                                    + (left < firstByte
                                        ? left + "ms (the rest of its fetch deadline)"
                                        : seconds(timeouts.firstByte())));
                        if (promise.tryFail(timeout)) {
                          request.reset(0, timeout);
                        }
                      });
              Future<HttpClientResponse> sent;
              try {
                sent = request.send();
              } catch (RuntimeException e) {
                // Thrown while writing the request: the mirror's own failure, reported at once
                // instead of being lost until the first-byte deadline.
                vertx.cancelTimer(timer);
                promise.tryFail(classify(e, "request"));
                request.reset(0, e);
                return;
              }
              sent
                  .onComplete(
                      ar -> {
                        vertx.cancelTimer(timer);
                        if (ar.succeeded()) {
                          HttpClientResponse response = ar.result();
                          // The idle deadline starts with the body: the wait for the headers is
                          // bounded by the first-byte deadline alone, even when idle is shorter.
                          response.request().idleTimeout(millis(timeouts.idle()));
                          response.pause();
                          // Keeps a failure of the connection while the response waits paused for its
                          // consumer: the end future records it (see BoundedBody, StagingWriter).
                          response.end();
                          if (!promise.tryComplete(response)) {
                            request.reset();
                          }
                        } else {
                          promise.tryFail(classify(ar.cause(), "request"));
                        }
                      });
            });
    return promise.future();
  }

  /** Completes after {@code millis} on a Vert.x timer (the wait before a retry). */
  public Future<Void> sleep(long millis) {
    return vertx.timer(Math.max(1, millis), TimeUnit.MILLISECONDS).mapEmpty();
  }

  /**
   * Whether {@code err}, a failure of {@link #get}, happened while connecting (nothing was sent, so
   * a retry cannot repeat a request the upstream saw).
   */
  public static boolean failedToConnect(Throwable err) {
    return (err instanceof UpstreamFailedException || err instanceof UpstreamTimeoutException)
        && String.valueOf(err.getMessage()).endsWith(CONNECT_PHASE_SUFFIX);
  }

  /** Closes the connection pool. */
  public Future<Void> close() {
    return client.close();
  }

  private static final String CONNECT_PHASE_SUFFIX = " (connect)";

  /**
   * The upstream failure {@code err} stands for, or {@code err} itself when it is no failure of the
   * network or of the upstream (an exception of the mirror's own, such as a request it could not
   * build), which must not count against the upstream.
   */
  private Throwable classify(Throwable err, String phase) {
    if (err instanceof UpstreamTimeoutException || err instanceof UpstreamFailedException) {
      return err;
    }
    if (!fromNetwork(err)) {
      return err;
    }
    String text = String.valueOf(err.getMessage()).toLowerCase(Locale.ROOT);
    if (err instanceof TimeoutException
        || err instanceof io.netty.channel.ConnectTimeoutException
        || text.contains("timeout")
        || text.contains("timed out")) {
      return new UpstreamTimeoutException("upstream " + name + " timed out (" + phase + ")", err);
    }
    return new UpstreamFailedException(
        "upstream " + name + " failed: " + describe(text) + " (" + phase + ")", err);
  }

  /**
   * Whether {@code err} came from the connection or the upstream's bytes: an I/O error (refused,
   * reset, unknown host, TLS), a Vert.x connection or stream failure (closed, reset, idle timeout),
   * a timeout, or a response Netty could not decode.
   */
  private static boolean fromNetwork(Throwable err) {
    return err instanceof IOException
        || err instanceof VertxException
        || err instanceof TimeoutException
        || err instanceof io.netty.handler.codec.CodecException
        || err instanceof io.netty.channel.ChannelException;
  }

  private static String describe(String lowerCaseMessage) {
    if (lowerCaseMessage.contains("refused")) {
      return "connection refused";
    }
    if (lowerCaseMessage.contains("reset")) {
      return "connection reset";
    }
    if (lowerCaseMessage.contains("closed")) {
      return "connection closed";
    }
    if (lowerCaseMessage.contains("resolve") || lowerCaseMessage.contains("unknown host")) {
      return "host not found";
    }
    return "connection error";
  }

  /** {@code limit} in milliseconds, or less when {@code deadlineNanos} comes sooner (0 or less: passed). */
  private static long capped(Duration limit, long deadlineNanos) {
    long limitMillis = millis(limit);
    if (deadlineNanos == Long.MAX_VALUE) {
      return limitMillis;
    }
    long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000L;
    return Math.min(limitMillis, leftMillis);
  }

  /** A duration for messages: whole seconds when it is some, else milliseconds. */
  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  static long millis(Duration d) {
    return Math.max(1, d.toMillis());
  }
}
