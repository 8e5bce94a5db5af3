package io.goproxymirror.k8s;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;

/**
 * HTTP to a mirror that podman runs on the host's network, at {@code http://127.0.0.1:PORT}: GETs
 * bounded by 10 s, and the wait for its first {@code /healthz}.
 */
final class MirrorHttp {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int port;

  MirrorHttp(int port) {
    this.port = port;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** GET {@code path}; the status, headers and body as text. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  /** GET {@code path}; the status, headers and body as bytes. */
  HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
    return HTTP.send(request(path), HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Polls {@code /healthz} until it answers 200 within {@code bound}; fails the test early when
   * {@code running} turns false, with {@code logs} in the message either way.
   */
  void awaitHealthy(String what, Duration bound, BooleanSupplier running, Supplier<String> logs) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (get("/healthz").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (!running.getAsBoolean()) {
        Assertions.fail(what + " exited before serving /healthz\n" + logs.get());
      }
      sleep(200);
    }
    Assertions.fail(what + " did not serve /healthz within " + bound + "\n" + logs.get());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).GET().build();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
