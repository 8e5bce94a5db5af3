package io.goproxymirror.mirror.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.BadRequestException;
import io.goproxymirror.mirror.errors.ForbiddenException;
import io.goproxymirror.mirror.errors.GoneException;
import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.goproxymirror.mirror.errors.MethodNotAllowedException;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.OverloadedException;
import io.goproxymirror.mirror.errors.StorageFullException;
import io.goproxymirror.mirror.errors.UnauthorizedException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.store.BlobStoreException;
import io.goproxymirror.mirror.store.BlobStoreFailure;
import io.goproxymirror.mirror.testkit.HandlerResponse;
import io.goproxymirror.mirror.testkit.HandlerTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link FailureHandler}: each failure becomes one status, one plain-text line, never cached. */
class FailureHandlerTest extends HandlerTestBase {

  /** Serves {@code GET /fail} by calling {@code action}, which fails the request. */
  private void failWith(Consumer<RoutingContext> action) {
    serve(router -> router.get("/fail").handler(action::accept));
  }

  private void failWith(Throwable failure) {
    failWith(ctx -> ctx.fail(failure));
  }

  static Stream<Arguments> typedErrors() {
    return Stream.of(
        Arguments.of(new BadRequestException("bad request: malformed version"), 400, null),
        Arguments.of(new UnauthorizedException("unauthorized: credentials required"), 401, null),
        Arguments.of(new ForbiddenException("forbidden: example.com/private"), 403, null),
        Arguments.of(new NotFoundException("not found: example.com/m@v9.9.9"), 404, null),
        Arguments.of(new MethodNotAllowedException("method PUT is not allowed; use GET or HEAD"), 405, null),
        Arguments.of(new GoneException("gone: example.com/m@v1.0.0"), 410, null),
        Arguments.of(new UpstreamFailedException("every source failed for example.com/m"), 502, null),
        Arguments.of(new OverloadedException("server busy; retry shortly"), 503, "5"),
        Arguments.of(new MetadataUnavailableException("metadata store unreachable",
            new IOException("connection refused 10.0.0.1:6379")), 503, "5"),
        Arguments.of(new UpstreamTimeoutException("every source timed out for example.com/m"), 504, null),
        Arguments.of(new StorageFullException("storage full: below storage.min-free"), 507, "60"));
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("typedErrors")
  @DisplayName("a typed error is its status with its message as one plain-text line, no-store, and Retry-After when it will pass")
  void typedError(RuntimeException error, int status, String retryAfter) {
    failWith(error);

    HandlerResponse r = testRequest(HttpMethod.GET, "/fail", status, error.getMessage() + "\n");

    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.header("X-Cache")).isEqualTo("MISS");
    assertThat(r.header("Retry-After")).isEqualTo(retryAfter);
  }

  @Test
  @DisplayName("a message of several lines is answered on one line")
  void oneLine() {
    failWith(new UpstreamFailedException("upstream said:\r\nsecond line\nthird"));

    testRequest(HttpMethod.GET, "/fail", 502, "upstream said:  second line third\n");
  }

  @Test
  @DisplayName("an unexpected exception is 500 'internal error', its message and stack never shown")
  void unexpected() {
    failWith(new IllegalStateException("password=hunter2 at line 3"));

    HandlerResponse r = testRequest(HttpMethod.GET, "/fail", 500, "internal error\n");

    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.header("Retry-After")).isNull();
  }

  @Test
  @DisplayName("a full file system under any wrapper is 507 with Retry-After: 60")
  void noSpaceLeft() {
    failWith(new UncheckedIOException(new IOException("write failed: No space left on device")));

    HandlerResponse r = testRequest(HttpMethod.GET, "/fail", 507,
        "no space left on the data directory's file system\n");

    assertThat(r.header("Retry-After")).isEqualTo("60");
  }

  @Test
  @DisplayName("running out of file descriptors is 503 with Retry-After: 5")
  void descriptors() {
    failWith(new RuntimeException(new IOException("Too many open files")));

    HandlerResponse r = testRequest(HttpMethod.GET, "/fail", 503,
        "server busy: out of file descriptors; retry shortly\n");

    assertThat(r.header("Retry-After")).isEqualTo("5");
  }

  @Test
  @DisplayName("a remote blob store timing out is 504, any other failure of it 502, naming the kind only")
  void blobStore() {
    serve(router -> {
      router.get("/timeout").handler(ctx -> ctx.fail(new RuntimeException(
          new BlobStoreException(BlobStoreFailure.TIMEOUT, "GET s3://bucket/key secret=xyz timed out", null))));
      router.get("/denied").handler(ctx -> ctx.fail(
          new BlobStoreException(BlobStoreFailure.ACCESS_DENIED, "403 for key AKIA123", null)));
    });

    testRequest(HttpMethod.GET, "/timeout", 504, "storage unavailable: timeout\n");
    testRequest(HttpMethod.GET, "/denied", 502, "storage unavailable: access denied\n");
  }

  @Test
  @DisplayName("a failure with a client status only gets that status's short text")
  void statusOnly() {
    serve(router -> {
      router.get("/large").handler(ctx -> ctx.fail(413));
      router.get("/long").handler(ctx -> ctx.fail(414));
    });

    testRequest(HttpMethod.GET, "/large", 413, "request too large\n");
    testRequest(HttpMethod.GET, "/long", 414, "request URI too long\n");
  }

  @Test
  @DisplayName("HEAD of a failure has the error's headers and Content-Length, and no body")
  void head() {
    serve(router -> router.head("/fail").handler(ctx -> ctx.fail(new OverloadedException("server busy"))));

    HandlerResponse r = testRequest(HttpMethod.HEAD, "/fail", 503, "");

    assertThat(r.header("Content-Length")).isEqualTo("12");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.header("Retry-After")).isEqualTo("5");
  }

  @Test
  @DisplayName("an X-Cache the reply already set is kept")
  void keepsXCache() {
    failWith(ctx -> {
      ctx.response().putHeader("X-Cache", "STALE");
      ctx.fail(new UpstreamFailedException("refresh failed"));
    });

    HandlerResponse r = testRequest(HttpMethod.GET, "/fail", 502, "refresh failed\n");

    assertThat(r.header("X-Cache")).isEqualTo("STALE");
  }

  @Test
  @DisplayName("a failure after the headers were sent resets the connection instead of a second answer")
  void afterHeaders() {
    failWith(ctx -> {
      ctx.response().setChunked(true).write("partial");
      ctx.fail(new UpstreamFailedException("download broke"));
    });

    assertThatThrownBy(() -> request(HttpMethod.GET, "/fail")).isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("failed: ");
  }

  @Test
  @DisplayName("a route that does not exist is 404 'not found' from the router")
  void noRoute() {
    serve(router -> router.get("/fail").handler(ctx -> ctx.fail(new GoneException("gone"))));

    HandlerResponse r = testRequest(HttpMethod.GET, "/elsewhere", 404, "not found\n");

    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
  }
}
