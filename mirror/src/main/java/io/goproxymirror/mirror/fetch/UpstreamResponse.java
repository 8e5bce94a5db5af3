package io.goproxymirror.mirror.fetch;

import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.vertx.core.http.HttpClientResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A 200 answer from one upstream whose body is not consumed yet (the stream is paused). The caller
 * consumes the body and then calls {@link #finish} once, which records the fetch duration.
 */
public final class UpstreamResponse implements Fetched.Origin {
  private final HttpClientResponse response;
  private final String upstream;
  private final String endpoint;
  private final long startNanos;
  private final MirrorMetrics metrics;
  private final FetchGate.Permit permit;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean delivered;

  UpstreamResponse(
      HttpClientResponse response, String upstream, String endpoint, long startNanos,
      MirrorMetrics metrics, FetchGate.Permit permit) {
    this.permit = permit;
    this.response = response;
    this.upstream = upstream;
    this.endpoint = endpoint;
    this.startNanos = startNanos;
    this.metrics = metrics;
  }

  public HttpClientResponse http() {
    return response;
  }

  /** Name of the upstream that answered (host and path, no credentials). */
  public String upstream() {
    return upstream;
  }

  @Override
  public String name() {
    return upstream;
  }

  /** Declared Content-Length, or -1 when the upstream did not send one. */
  public long contentLength() {
    String value = response.getHeader("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Records the end-to-end fetch duration with {@code result} (ok, invalid, error) and gives the
   * fetch permit back, once: later calls are ignored, so error paths may call it unconditionally.
   */
  @Override
  public void finish(String result) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    delivered = "ok".equals(result);
    permit.release();
    metrics.upstreamFetch(upstream, endpoint, result, System.nanoTime() - startNanos);
  }

  /**
   * Whether the body was finished {@code ok}: read and accepted. A failure after that (storing a
   * small body) is not the upstream's, so the list does not go on to its next entry for it.
   */
  public boolean delivered() {
    return delivered;
  }

  /** Abandons the body: resets the stream so the connection does not wait for it. */
  public void discard() {
    response.request().reset();
  }
}
