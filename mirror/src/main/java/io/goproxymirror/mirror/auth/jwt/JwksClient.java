package io.goproxymirror.mirror.auth.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import io.goproxymirror.mirror.rx.RxFutures;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches a JWKS with the Vert.x HTTP client: one GET, a deadline over the whole exchange, a bound
 * on the body, status 200 required. Only the public keys of the set are kept. Failures are {@link
 * JwksUnavailableException}s naming the URL and what went wrong.
 */
public final class JwksClient {
  private final HttpClient client;
  private final Context context;
  private final JwtSettings settings;

  /** A client of its own, for the keys of {@code settings}; close it with {@link #close()}. */
  public JwksClient(Vertx vertx, JwtSettings settings) {
    this.settings = settings;
    this.context = vertx.getOrCreateContext();
    int timeout = (int) settings.limits().fetchTimeout().toMillis();
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout)
        .setMaxRedirects(0), new PoolOptions().setHttp1MaxSize(2));
  }

  /** The keys at the JWKS URL; cold: each subscription fetches. */
  public Single<JWKSet> fetch() {
    String url = settings.jwksUrl().toString();
    long timeout = settings.limits().fetchTimeout().toMillis();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    // The exchange runs on one context, so the body handlers are in place before the first bytes
    // (a response read from another thread could end before its handlers were set).
    return Single.defer(() -> {
          Promise<Buffer> body = Promise.promise();
          context.runOnContext(v -> client.request(new RequestOptions()
                  .setMethod(HttpMethod.GET)
                  .setAbsoluteURI(url)
                  .setIdleTimeout(timeout)
                  .putHeader("Accept", "application/jwk-set+json, application/json"))
              .compose(request -> {
                sent.set(request);
                return request.send();
              })
              .compose(this::body)
              .onComplete(body));
          return RxFutures.single(body.future());
        })
        .timeout(timeout, TimeUnit.MILLISECONDS)
        .doOnError(e -> {
          HttpClientRequest request = sent.get();
          if (request != null) {
            context.runOnContext(v -> request.reset());
          }
        })
        .onErrorResumeNext(e -> Single.error(e instanceof JwksUnavailableException ? e
            : new JwksUnavailableException("JWKS " + url + ": " + describe(e))))
        .map(body -> parse(body, url));
  }

  /** Closes the HTTP client. */
  public Future<Void> close() {
    return client.close();
  }

  private Future<Buffer> body(HttpClientResponse response) {
    String url = settings.jwksUrl().toString();
    if (response.statusCode() != 200) {
      response.exceptionHandler(ignored -> { });
      response.request().reset();
      return Future.failedFuture(new JwksUnavailableException("JWKS " + url + ": status " + response.statusCode()));
    }
    int max = settings.limits().maxJwksBytes();
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(promise::tryFail);
    response.handler(chunk -> {
      if (body.length() + chunk.length() > max) {
        if (promise.tryFail(new JwksUnavailableException("JWKS " + url + ": body exceeds " + max + " bytes"))) {
          response.request().reset();
        }
        return;
      }
      body.appendBuffer(chunk);
    });
    response.endHandler(v -> promise.tryComplete(body));
    // An error that came while the response waited paused for these handlers is kept by end().
    response.end().onFailure(promise::tryFail);
    response.resume();
    return promise.future();
  }

  private static JWKSet parse(Buffer body, String url) {
    try {
      return JWKSet.parse(body.toString(StandardCharsets.UTF_8)).toPublicJWKSet();
    } catch (ParseException e) {
      throw new JwksUnavailableException("JWKS " + url + ": not a JWK set");
    }
  }

  private static String describe(Throwable e) {
    if (e instanceof TimeoutException) {
      return "no answer within the fetch timeout";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
