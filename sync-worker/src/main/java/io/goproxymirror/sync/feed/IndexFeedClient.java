package io.goproxymirror.sync.feed;

import io.goproxymirror.config.upstream.UpstreamTimeouts;
import io.goproxymirror.sync.feed.IndexFeedException.Reason;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads pages of an index feed ({@code GET <url>?since=<timestamp>&limit=<n>}) over HTTP, with
 * connect, first-byte, idle and total deadlines and a bound on the body size. Failures are {@link
 * IndexFeedException}s whose messages name the feed by host and path only.
 */
public final class IndexFeedClient {
  /** The default body bound: a 2000-entry page is about 300 KiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 8L << 20;

  private final Vertx vertx;
  private final URI url;
  private final String name;
  private final UpstreamTimeouts timeouts;
  private final long maxBodyBytes;
  private final HttpClient client;

  public IndexFeedClient(Vertx vertx, URI url, UpstreamTimeouts timeouts, long maxBodyBytes) {
    this.vertx = vertx;
    this.url = url;
    this.name = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + url.getRawPath();
    this.timeouts = timeouts;
    this.maxBodyBytes = maxBodyBytes;
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) millis(timeouts.connect()))
        .setKeepAlive(true)
        .setMaxRedirects(5));
  }

  /** The feed's host, port and path, for logs. */
  public String name() {
    return name;
  }

  /**
   * One page from {@code since} (inclusive, sent exactly as given) of at most {@code limit}
   * entries. Cold; disposing it resets the request.
   */
  public Single<IndexPage> fetch(String since, int limit) {
    return Single.defer(() -> {
      Promise<IndexPage> promise = Promise.promise();
      AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
      long total = vertx.setTimer(millis(timeouts.total()), id -> fail(promise, sent,
          new IndexFeedException(Reason.TIMEOUT, "index feed " + name + " took longer than "
              + timeouts.total().toMillis() + "ms")));
      request(since, limit, promise, sent);
      return Single.<IndexPage>create(emitter -> {
            promise.future().onComplete(ar -> {
              if (ar.succeeded()) {
                emitter.onSuccess(ar.result());
              } else {
                emitter.tryOnError(ar.cause());
              }
            });
            emitter.setCancellable(() -> fail(promise, sent,
                new IndexFeedException(Reason.CONNECTION, "index feed request cancelled")));
          })
          .doFinally(() -> vertx.cancelTimer(total));
    });
  }

  /** Closes the connection pool. */
  public Completable close() {
    return Completable.create(emitter -> client.close().onComplete(ar -> emitter.onComplete()));
  }

  private void request(String since, int limit, Promise<IndexPage> promise,
      AtomicReference<HttpClientRequest> sent) {
    String query = "since=" + URLEncoder.encode(since, StandardCharsets.UTF_8) + "&limit=" + limit;
    String target = url.toString() + (url.getRawQuery() == null ? "?" : "&") + query;
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(target)
        .setConnectTimeout(millis(timeouts.connect()))
        .setIdleTimeout(millis(timeouts.idle()))
        .setFollowRedirects(true)
        .putHeader(HttpHeaders.USER_AGENT, "goproxy-mirror")
        .putHeader(HttpHeaders.ACCEPT, "application/json");
    client.request(options)
        .onFailure(err -> promise.tryFail(classify(err, "connect")))
        .onSuccess(request -> {
          sent.set(request);
          long firstByte = vertx.setTimer(millis(timeouts.firstByte()), id -> fail(promise, sent,
              new IndexFeedException(Reason.TIMEOUT, "index feed " + name
                  + " sent no response headers within " + timeouts.firstByte().toMillis() + "ms")));
          request.send().onComplete(ar -> {
            vertx.cancelTimer(firstByte);
            if (ar.failed()) {
              promise.tryFail(classify(ar.cause(), "request"));
            } else {
              read(ar.result(), promise);
            }
          });
        });
  }

  private void read(HttpClientResponse response, Promise<IndexPage> promise) {
    if (response.statusCode() != 200) {
      response.request().reset();
      promise.tryFail(new IndexFeedException(Reason.STATUS,
          "index feed " + name + " answered " + response.statusCode()));
      return;
    }
    Buffer body = Buffer.buffer();
    response.exceptionHandler(err -> promise.tryFail(classify(err, "body")));
    response.handler(chunk -> {
      if (body.length() + chunk.length() > maxBodyBytes) {
        if (promise.tryFail(new IndexFeedException(Reason.TOO_LARGE,
            "index feed " + name + " sent more than " + maxBodyBytes + " bytes"))) {
          response.request().reset();
        }
        return;
      }
      body.appendBuffer(chunk);
    });
    response.endHandler(v -> {
      IndexPage page = IndexPageParser.parse(body.toString(StandardCharsets.UTF_8));
      if (page.entries().isEmpty() && page.malformedLines() > 0) {
        promise.tryFail(new IndexFeedException(Reason.MALFORMED, "index feed " + name
            + " sent " + page.malformedLines() + " lines and no valid entry"));
      } else {
        promise.tryComplete(page);
      }
    });
  }

  private static void fail(Promise<IndexPage> promise, AtomicReference<HttpClientRequest> sent,
      IndexFeedException error) {
    if (promise.tryFail(error)) {
      HttpClientRequest request = sent.get();
      if (request != null) {
        request.reset(0, error);
      }
    }
  }

  private IndexFeedException classify(Throwable err, String phase) {
    if (err instanceof IndexFeedException feed) {
      return feed;
    }
    String text = String.valueOf(err.getMessage()).toLowerCase(Locale.ROOT);
    if (err instanceof TimeoutException
        || err instanceof io.netty.channel.ConnectTimeoutException
        || text.contains("timeout") || text.contains("timed out")) {
      return new IndexFeedException(Reason.TIMEOUT, "index feed " + name + " timed out (" + phase + ")", err);
    }
    return new IndexFeedException(Reason.CONNECTION,
        "index feed " + name + " failed: " + err.getClass().getSimpleName() + " (" + phase + ")", err);
  }

  private static long millis(Duration d) {
    return Math.max(1, d.toMillis());
  }
}
