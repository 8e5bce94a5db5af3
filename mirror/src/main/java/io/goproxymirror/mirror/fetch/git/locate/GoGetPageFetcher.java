package io.goproxymirror.mirror.fetch.git.locate;

import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * GETs go-get pages: redirects followed (the JDK client's bound, 5 by default, after which the last
 * redirect answer is taken as the page; never from https to http), any status accepted, at most
 * {@code maxBodyBytes} read, one deadline for the whole exchange. A host that does not resolve is
 * {@link NotFoundException} (the path names nothing); other network failures become {@link
 * UpstreamFailedException}, timeouts {@link UpstreamTimeoutException}; messages name the page URL
 * and never carry a body.
 */
final class GoGetPageFetcher {
  /** A fetched page: final status and the first bytes of its body. */
  record Page(String url, int status, byte[] body, boolean truncated) {}

  private final HttpClient client;
  private final Duration totalTimeout;
  private final long maxBodyBytes;

  GoGetPageFetcher(Duration connectTimeout, Duration totalTimeout, long maxBodyBytes) {
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    this.totalTimeout = totalTimeout;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Blocks until the page is read or the deadline passes.
   *
   * @throws IllegalArgumentException if {@code uri} is not an http(s) URL
   */
  Page fetch(URI uri) {
    String url = SafeUrl.redact(uri.toString());
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(totalTimeout)
        .header("User-Agent", "goproxy-mirror (go-get discovery)")
        .GET()
        .build();
    CompletableFuture<HttpResponse<PrefixBodySubscriber.Prefix>> pending =
        client.sendAsync(request, info -> new PrefixBodySubscriber(maxBodyBytes));
    try {
      HttpResponse<PrefixBodySubscriber.Prefix> response =
          pending.get(totalTimeout.toMillis(), TimeUnit.MILLISECONDS);
      PrefixBodySubscriber.Prefix body = response.body();
      return new Page(url, response.statusCode(), body.bytes(), body.truncated());
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timedOut(url);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new UpstreamFailedException("go-get " + url + ": interrupted", e);
    } catch (ExecutionException e) {
      throw failure(url, e.getCause());
    }
  }

  private UpstreamTimeoutException timedOut(String url) {
    return new UpstreamTimeoutException(
        "go-get " + url + ": no complete answer within " + totalTimeout.toMillis() + " ms");
  }

  private RuntimeException failure(String url, Throwable cause) {
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof HttpTimeoutException) {
      return timedOut(url);
    }
    if (hasCause(cause, UnresolvedAddressException.class) || hasCause(cause, UnknownHostException.class)) {
      // No such host: the import path names nothing (a typo, say). Like proxy.golang.org, answer
      // "not found", so that clients fall through their GOPROXY list.
      return new NotFoundException("unrecognized import path: go-get " + url + ": no such host");
    }
    if (cause instanceof ConnectException) {
      return new UpstreamFailedException("go-get " + url + ": cannot connect", cause);
    }
    if (cause instanceof SSLException) {
      return new UpstreamFailedException("go-get " + url + ": TLS failure", cause);
    }
    String kind = cause instanceof IOException ? "I/O error" : "request failed";
    return new UpstreamFailedException(
        "go-get " + url + ": " + kind + " (" + cause.getClass().getSimpleName() + ")", cause);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
