package io.goproxymirror.mirror.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.http.FailureHandler;
import io.goproxymirror.mirror.logs.ThrottledLog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A light base for handler-level tests: each test mounts the routes under test on a fresh router
 * (with the mirror's {@link FailureHandler}, as the HTTP verticle does) served by a real HTTP
 * server on a free loopback port, then sends real requests with {@link #request} or checks status
 * and body at once with {@link #testRequest}. The services behind the routes are the test's own
 * fakes, so a rule of one handler is tested without starting the mirror.
 */
public abstract class HandlerTestBase {
  private static final long TIMEOUT_SECONDS = 30;
  protected Vertx vertx;
  private HttpClient client;
  private int port;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
    client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setKeepAlive(false));
  }

  @AfterEach
  void stopVertx() {
    await(vertx.close());
  }

  /** Starts a server whose router holds what {@code routes} mounts, then the failure handler. */
  protected void serve(Consumer<Router> routes) {
    Router router = Router.router(vertx);
    routes.accept(router);
    FailureHandler failures = new FailureHandler(new ThrottledLog(Duration.ofSeconds(10)));
    router.route().failureHandler(failures);
    for (int status : new int[] {400, 404, 405, 413, 414, 500}) {
      router.errorHandler(status, failures);
    }
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    port = server.actualPort();
  }

  /** Sends {@code method path} with headers given as name, value pairs; returns the whole answer. */
  protected HandlerResponse request(HttpMethod method, String path, String... headers) {
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("headers come in name, value pairs");
    }
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port)
        .setURI(path);
    for (int i = 0; i < headers.length; i += 2) {
      options.putHeader(headers[i], headers[i + 1]);
    }
    // The exchange runs on one event loop: set up from the test thread, the body handler could be
    // attached in a later turn of the loop than the response's arrival, after its end had passed
    // (the answer then never completes; seen under load).
    Promise<HandlerResponse> answer = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> client.request(options)
        .compose(req -> req.send())
        .compose(resp -> resp.body().map(body -> new HandlerResponse(resp.statusCode(), resp.headers(), body)))
        .onComplete(answer));
    return await(answer.future());
  }

  /** Sends {@code method path} and asserts the exact status and body; returns the answer for more checks. */
  protected HandlerResponse testRequest(HttpMethod method, String path, int status, String body) {
    HandlerResponse response = request(method, path);
    assertThat(response.status()).as("status of %s %s", method, path).isEqualTo(status);
    assertThat(response.text()).as("body of %s %s", method, path).isEqualTo(body);
    return response;
  }

  /**
   * The result of {@code future}, waited for from the test thread. When none comes in time, the
   * failure carries the stacks of the Vert.x threads, to show where the answer got stuck.
   */
  protected static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no result within " + TIMEOUT_SECONDS + "s; Vert.x threads:\n" + vertxThreads(), e);
    }
  }

  private static String vertxThreads() {
    StringBuilder dump = new StringBuilder();
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      if (thread.getName().startsWith("vert.x")) {
        dump.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
        for (StackTraceElement frame : stack) {
          dump.append("    at ").append(frame).append('\n');
        }
      }
    });
    return dump.toString();
  }
}
